import Dialog
import Foundation
import GRDB

/// Mantelzorg check-ins: the mantelzorger's own consent, a quick 0-10 question every N days, the
/// full questionnaire when the rules say so, results with band and trend, and alerts for the
/// professional. Runs inside the caller's transaction.
struct CarerCheckins {
    let service: ConversationService
    let db: Database
    let now: Date
    /// Set while the mantelzorger's message is applied: the next question answers it.
    var reply: ReplyContext?

    static let instrumentID = "csi"
    /// The full questionnaire comes back after this long even when nothing else asks for it.
    static let csiInterval: TimeInterval = 91 * 86400
    /// A quick score this high, or a rise this large, calls for the full questionnaire.
    static let quickHigh = 7
    static let quickRise = 2

    var policy: SchedulePolicy { service.schedule }

    /// An inwoner named a mantelzorger with a phone and agreed to check-ins: invite them.
    func invite(mantelzorgID: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT personId, phone, carerPersonId, carerConsent, checkin FROM mantelzorg WHERE id = ? AND direction = 'ontvangt'
            """, arguments: [mantelzorgID]),
              (row["checkin"] as Bool?) == true, let phone: String = row["phone"], row["carerConsent"] as String? == nil
        else { return }
        let inwonerID: Int64 = row["personId"]
        let carerID = try (row["carerPersonId"] as Int64?) ?? PersonStore.carer(phone: phone, mantelzorgID: mantelzorgID,
                                                                                  inwonerID: inwonerID, at: now, in: db)
        try JobStore.add(.carerInvite, personID: carerID, dueAt: policy.window.nextOpening(atOrAfter: now, calendar: policy.calendar),
                         key: "carer_invite:\(mantelzorgID)", at: now, in: db)
    }

    func runInvite(carerID: Int64, run: String) throws -> FlowStarter.Outcome {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT m.name, COALESCE(p.name, '') AS inwoner FROM mantelzorg m JOIN person p ON p.id = m.personId
            WHERE m.carerPersonId = ? ORDER BY m.id DESC LIMIT 1
            """, arguments: [carerID]) else { return .unreachable }
        let inwoner: String = row["inwoner"]
        let vars: [String: Value] = ["naam": .text(row["name"] ?? ""), "inwoner": .text(inwoner.isEmpty ? "Iemand die je kent" : inwoner)]
        let outcome = try FlowStarter(service: service, db: db, now: now).start("mantelzorg_toestemming", personID: carerID, vars: vars, run: run)
        if case .started = outcome {
            try db.execute(sql: "UPDATE mantelzorg SET carerConsent = 'invited' WHERE carerPersonId = ? AND carerConsent IS NULL", arguments: [carerID])
        }
        return outcome
    }

    /// The mantelzorger's own answer. Yes: the first check-in starts now.
    func consent(carerID: Int64, granted: Bool) throws {
        try db.execute(sql: "UPDATE mantelzorg SET carerConsent = ? WHERE carerPersonId = ?", arguments: [granted ? "accepted" : "declined", carerID])
        try db.execute(sql: """
            INSERT INTO consent (personId, purpose, granted, textKey, textShown, flowVersion, channel, createdAt)
            VALUES (?, 'mantelzorg_checkin_eigen', ?, 'mz.toestemming', '', 'mantelzorg_toestemming', '', ?)
            """, arguments: [carerID, granted, now])
        if granted { _ = try startCheckin(carerID: carerID, run: "consent-\(Int(now.timeIntervalSince1970))") }
    }

    /// A check-in: the previous one unanswered is counted as such, the quick question goes out,
    /// and the next check-in is planned.
    func startCheckin(carerID: Int64, run: String) throws -> FlowStarter.Outcome {
        guard let link = try Row.fetchOne(db, sql: """
            SELECT personId, checkinEveryDays FROM mantelzorg WHERE carerPersonId = ? AND carerConsent = 'accepted' ORDER BY id DESC LIMIT 1
            """, arguments: [carerID]) else { return .unreachable }
        let inwonerID: Int64 = link["personId"]
        try noteUnanswered(carerID: carerID, inwonerID: inwonerID)
        let outcome = try FlowStarter(service: service, db: db, now: now, reply: reply)
            .start("mantelzorg_checkin", personID: carerID, vars: [:], run: run, replacing: true)
        if case .started = outcome {
            try db.execute(sql: "INSERT INTO checkin (carerPersonId, inwonerId, kind, askedAt) VALUES (?, ?, 'quick', ?)",
                           arguments: [carerID, inwonerID, now])
            let days: Int = link["checkinEveryDays"]
            let next = policy.window.nextOpening(atOrAfter: now.addingTimeInterval(Double(days) * 86400), calendar: policy.calendar)
            try JobStore.add(.checkin, personID: carerID, dueAt: next, key: "checkin:\(carerID):\(Int(next.timeIntervalSince1970))", at: now, in: db)
        }
        return outcome
    }

    /// Two check-ins in a row without an answer: the professional should know.
    private func noteUnanswered(carerID: Int64, inwonerID: Int64) throws {
        try db.execute(sql: "UPDATE checkin SET status = 'unanswered' WHERE carerPersonId = ? AND status = 'asked'", arguments: [carerID])
        let lastTwo = try String.fetchAll(db, sql: "SELECT status FROM checkin WHERE carerPersonId = ? AND kind = 'quick' ORDER BY id DESC LIMIT 2",
                                          arguments: [carerID])
        if lastTwo == ["unanswered", "unanswered"] {
            try alert(inwonerID, "mantelzorg_geen_antwoord", "twee check-ins zonder antwoord", carerID: carerID)
        }
    }

    /// The quick score came in: store it, check the trend, and ask the full questionnaire when needed.
    func quickAnswered(carerID: Int64, score: Int) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, inwonerId FROM checkin WHERE carerPersonId = ? AND kind = 'quick' ORDER BY id DESC LIMIT 1
            """, arguments: [carerID]) else { return }
        let inwonerID: Int64 = row["inwonerId"]
        try db.execute(sql: "UPDATE checkin SET status = 'answered', score = ?, answeredAt = ? WHERE id = ?",
                       arguments: [score, now, row["id"] as Int64])
        let scores = try Int.fetchAll(db, sql: """
            SELECT score FROM checkin WHERE carerPersonId = ? AND kind = 'quick' AND status = 'answered' ORDER BY id DESC LIMIT 4
            """, arguments: [carerID])
        if scores.count == 4, scores[0] > scores[1], scores[1] > scores[2], scores[2] > scores[3] {
            try alert(inwonerID, "mantelzorg_stijgend", "de zorg voelt drie keer op rij zwaarder: \(scores.reversed().map(String.init).joined(separator: ", "))", carerID: carerID)
        }
        let previous = scores.count > 1 ? scores[1] : nil
        let lastCSI = try Date.fetchOne(db, sql: """
            SELECT answeredAt FROM checkin WHERE carerPersonId = ? AND kind = ? AND status = 'answered' ORDER BY id DESC LIMIT 1
            """, arguments: [carerID, Self.instrumentID])
        let due = lastCSI == nil || score >= Self.quickHigh || (previous.map { score - $0 >= Self.quickRise } ?? false)
            || now.timeIntervalSince(lastCSI ?? now) >= Self.csiInterval
        if due { try askQuestionnaire(carerID: carerID, inwonerID: inwonerID, items: nil, earlier: [:]) }
    }

    /// Starts the questionnaire for all items, or again for the ones still missing.
    private func askQuestionnaire(carerID: Int64, inwonerID: Int64, items: [String]?, earlier: [String: Value]) throws {
        let options = service.library.itemOptions(Self.instrumentID).filter { items?.contains($0.key ?? "") ?? true }
        if items == nil {
            try db.execute(sql: "INSERT INTO checkin (carerPersonId, inwonerId, kind, askedAt) VALUES (?, ?, ?, ?)",
                           arguments: [carerID, inwonerID, Self.instrumentID, now])
        }
        let vars: [String: Value] = ["vragen": .list(options), "antwoord": .record(earlier), "opnieuw": .bool(items != nil)]
        _ = try FlowStarter(service: service, db: db, now: now, reply: reply).start("csi", personID: carerID, vars: vars,
                                                                                     run: "csi-\(Int(now.timeIntervalSince1970))")
    }

    /// The questionnaire's answers: score them (never filling in what is missing), re-ask once when
    /// the cut-off can still be reached, then store, alert and answer calmly.
    func instrumentAnswered(carerID: Int64, instrumentID: String, answers: [String: Value]) throws {
        guard let instrument = service.library.instruments[instrumentID],
              let row = try Row.fetchOne(db, sql: """
                  SELECT id, inwonerId, result FROM checkin WHERE carerPersonId = ? AND kind = ? ORDER BY id DESC LIMIT 1
                  """, arguments: [carerID, instrumentID]) else { return }
        let inwonerID: Int64 = row["inwonerId"]
        let result = instrument.score(answers)
        let reasked = (row["result"] as String?) != nil
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        try db.execute(sql: "UPDATE checkin SET status = 'answered', score = ?, band = ?, result = ?, answeredAt = ? WHERE id = ?",
                       arguments: [result.score, result.band, json, now, row["id"] as Int64])
        if result.status == .incomplete, !reasked {
            return try askQuestionnaire(carerID: carerID, inwonerID: inwonerID, items: result.missing, earlier: answers)
        }
        if result.high {
            try alert(inwonerID, "mantelzorg_overbelast", "\(instrumentID) \(result.score) van \(instrument.items.count)", carerID: carerID)
        } else if result.status == .incomplete {
            try alert(inwonerID, "mantelzorg_onvolledig", "\(instrumentID) onvolledig: \(result.score) ja, \(result.missing.count) open", carerID: carerID)
        }
        _ = try Notice.queue(result.high ? "mantelzorg.uitslag.hoog" : "mantelzorg.uitslag.laag", vars: [:], to: carerID,
                             library: service.library, at: now, reply: reply, in: db)
    }

    private func alert(_ inwonerID: Int64, _ kind: String, _ detail: String, carerID: Int64) throws {
        let name = try String.fetchOne(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [carerID]) ?? "mantelzorger"
        try db.execute(sql: "INSERT INTO alert (personId, kind, detail, createdAt) VALUES (?, ?, ?, ?)",
                       arguments: [inwonerID, kind, "\(name): \(detail)", now])
    }
}
