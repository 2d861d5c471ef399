import Foundation
import GRDB

/// The bewaartermijn: an inwoner with no activity (see `RetentionStore`) for `inactiveMonths` is
/// erased, through the same erasure as the web view, but only after their professional has had a
/// `bewaartermijn` signal about it for `noticeDays`. The signal comes `noticeDays` before the term
/// ends; any activity meanwhile starts the term anew (and a later term needs a signal of its own).
struct RetentionPolicy {
    let settings: RetentionSettings
    let database: AppDatabase
    let clock: WallClock

    enum Step: Equatable, Sendable {
        /// The professional is told now; erasure from the date given.
        case notify(eraseFrom: Date)
        /// Told already; erasure from the date given.
        case wait(until: Date)
        case erase
    }

    struct Item: Equatable, Sendable {
        var personID: Int64
        var lastActivity: Date
        var step: Step
    }

    struct Outcome: Sendable {
        var notified: [Int64] = []
        var erased: [Int64] = []
        var erasure: Erasure.Progress = .done
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        return calendar
    }()

    /// The moment before which an inwoner's last activity makes them due for erasure.
    func eraseCutoff(at now: Date) -> Date {
        Self.calendar.date(byAdding: .month, value: -settings.inactiveMonths, to: now)!
    }

    private var notice: TimeInterval { Double(settings.noticeDays) * 86_400 }

    /// What a run would do now; changes nothing.
    func plan() async throws -> [Item] {
        let now = clock.now()
        let cutoff = eraseCutoff(at: now)
        let inactive = try await database.read { db in
            try RetentionStore.inactive(since: cutoff.addingTimeInterval(notice), in: db)
        }
        return inactive.map { item(for: $0, now: now, cutoff: cutoff) }
    }

    private func item(for inwoner: RetentionStore.Inactive, now: Date, cutoff: Date) -> Item {
        let termEnds = Self.calendar.date(byAdding: .month, value: settings.inactiveMonths, to: inwoner.lastActivity)!
        let step: Step
        if let told = inwoner.noticeAt {
            let from = max(termEnds, told.addingTimeInterval(notice))
            step = inwoner.lastActivity < cutoff && from <= now ? .erase : .wait(until: from)
        } else {
            step = .notify(eraseFrom: max(termEnds, now.addingTimeInterval(notice)))
        }
        return Item(personID: inwoner.personID, lastActivity: inwoner.lastActivity, step: step)
    }

    /// Raises the signals that are due and erases the inwoners whose signal has stood long enough.
    /// Each inwoner is checked again in the transaction that erases them: one who wrote meanwhile stays.
    func apply() async throws -> Outcome {
        var outcome = Outcome()
        for item in try await plan() {
            let now = clock.now()
            switch item.step {
            case .notify(let from):
                let detail =
                    "Geen activiteit sinds \(Self.day(item.lastActivity)). Alle gegevens worden gewist vanaf \(Self.day(from)), "
                    + "tenzij er voor die tijd iets gebeurt: een bericht van de inwoner, een actie of een notitie."
                if try await database.write({ db in
                    try RetentionStore.notify(personID: item.personID, lastActivity: item.lastActivity, detail: detail, at: now, in: db)
                }) {
                    outcome.notified.append(item.personID)
                }
            case .erase:
                let cutoff = eraseCutoff(at: now)
                let erased = try await database.write { db -> Bool in
                    guard let current = try RetentionStore.stillInactive(personID: item.personID, since: cutoff, in: db),
                        let told = current.noticeAt, told.addingTimeInterval(notice) <= now
                    else { return false }
                    try AuditLog.record("gewist (bewaartermijn)", professionalID: nil, personID: item.personID, at: now, in: db)
                    try Erasure.erase(personID: item.personID, at: now, in: db)
                    return true
                }
                if erased { outcome.erased.append(item.personID) }
            case .wait:
                continue
            }
        }
        if !outcome.erased.isEmpty { outcome.erasure = try await Erasure.finish(database, clock: clock) }
        return outcome
    }

    static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d-%02d-%04d", parts.day!, parts.month!, parts.year!)
    }
}
