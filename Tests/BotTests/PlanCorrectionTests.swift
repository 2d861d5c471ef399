import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Spiegelblad 3's "Klopt dit? nee": a step corrected before the plan is final is the same row,
/// with jobs for its final values only; a step dropped there is `vervallen`, without jobs.
struct PlanCorrectionTests {
    /// Two goals with one step each (tomorrow and Saturday), then a new date for the first and
    /// the second dropped, then "ja".
    static let lines = [
        "hoi", "ja", "1 en 2", "4", "5", "1 en 2", "weet ik niet", "weet ik niet", "weet ik niet", "weet ik niet", "ja",
        "Geen schulden meer", "overzicht", "weet ik niet", "geen", "Een droog huis", "weet ik niet", "weet ik niet", "geen",
        "weet ik niet", "geen", "4", "ja", "1 en 2",
        "De schuldhulp bellen", "ik", "morgen",
        "De corporatie mailen", "ik", "zaterdag",
        "nee", "4", "1", "15 december",
        "nee", "5", "2",
        "ja"
    ]

    static func run() throws -> (AppDatabase, [ConversationService.Result]) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let results = try lines.enumerated().map { n, line in
            try service.handle(Fixtures.message(line, id: "SM\(n)", at: Fixtures.start.addingTimeInterval(Double(n) * 60)))
        }
        return (database, results)
    }

    @Test func aCorrectedStepHasJobsForItsNewDateOnlyAndADroppedStepHasNone() throws {
        let (database, results) = try Self.run()
        #expect(results.last?.replies.last?.text.hasPrefix("Goed gedaan!") == true)
        let actions = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, what, dueDate, status FROM action ORDER BY id").map {
                [$0["what"] as String, $0["dueDate"] as String? ?? "-", $0["status"] as String]
            }
        }
        // The same two rows, updated: no step was stored twice.
        #expect(
            actions == [["De schuldhulp bellen", "2026-12-15", "gepland"], ["De corporatie mailen", "2026-11-28", "vervallen"]])
        let pending = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT j.actionId, j.kind, j.dueAt, j.idempotencyKey FROM job j
                    WHERE j.status = 'pending' AND j.actionId IS NOT NULL ORDER BY j.actionId, j.dueAt
                    """
            ).map {
                (action: $0["actionId"] as Int64, kind: $0["kind"] as String, due: $0["dueAt"] as Date, key: $0["idempotencyKey"] as String)
            }
        }
        let firstJobs = pending.filter { $0.action == 1 }
        // The evening before, the morning of, and "Is het gelukt?" after: once each, all for 15 December.
        #expect(firstJobs.filter { $0.kind == "reminder" }.count == 2)
        #expect(firstJobs.filter { $0.kind == "followup" }.count == 1)
        #expect(Set(firstJobs.map(\.key)).count == firstJobs.count)
        let fourteenth = ISO8601DateFormatter().date(from: "2026-12-14T00:00:00+01:00")!
        #expect(firstJobs.allSatisfy { $0.due >= fourteenth }, "\(firstJobs)")
        // The dropped step has nothing pending.
        #expect(pending.filter { $0.action == 2 }.isEmpty)
        // And the plan in the store is the confirmed one: spiegelblad 3 confirmed once.
        let confirmed = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM spiegelblad WHERE module = 'm3'") ?? 0
        }
        #expect(confirmed == 1)
    }

    @Test func everyReplyOfTheCorrectionIsSentOnce() throws {
        let (database, results) = try Self.run()
        let outbox = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
        #expect(outbox == results.map(\.replies.count).reduce(0, +))
    }
}
