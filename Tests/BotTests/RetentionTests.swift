import Foundation
import GRDB
import HummingbirdTesting
import Logging
import Testing

@testable import Bot

/// The bewaartermijn: a signal to the professional first, erasure only after it has stood its days.
struct RetentionTests {
    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static let now = date("2026-11-23T10:00:00Z")
    static let settings = RetentionSettings(inactiveMonths: 6, noticeDays: 14)

    /// Inwoners by name: when they last wrote, and what else happened to their file.
    struct Seed {
        let database: AppDatabase
        var ids: [String: Int64] = [:]

        init() throws {
            database = try AppDatabase.inMemory()
            try add("oud", wrote: "2025-03-01T09:00:00Z", notice: "2026-11-01T09:00:00Z")
            try add("nog-niet-gemeld", wrote: "2025-03-01T09:00:00Z")
            try add("pas-gemeld", wrote: "2025-03-01T09:00:00Z", notice: "2026-11-20T09:00:00Z")
            try add("actief", wrote: "2026-11-01T09:00:00Z")
            // Told, but then the professional changed an action: the term starts anew.
            try add(
                "weer-actief", wrote: "2025-03-01T09:00:00Z", notice: "2026-10-01T09:00:00Z",
                audit: ("actie gewijzigd", "2026-10-15T09:00:00Z"))
            try add("bijna", wrote: "2026-06-01T09:00:00Z")
            // Only looked at: viewing is not activity.
            try add("bekeken", wrote: "2025-02-01T09:00:00Z", notice: "2026-11-01T09:00:00Z", audit: ("bekeken", "2026-11-20T09:00:00Z"))
        }

        mutating func add(_ name: String, wrote: String, notice: String? = nil, audit: (String, String)? = nil) throws {
            let phone = String(format: "+3161%07d", ids.count + 1)
            ids[name] = try database.write { db -> Int64 in
                try db.execute(
                    sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, ?, ?)",
                    arguments: [phone, name, RetentionTests.date("2025-01-01T09:00:00Z")])
                let id = try db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO contact (personId, channel, address, lastInboundAt) VALUES (?, 'sms', ?, ?)",
                    arguments: [id, phone, SQLDate(RetentionTests.date(wrote))])
                try db.execute(
                    sql: "INSERT INTO message (personId, direction, channel, text, createdAt) VALUES (?, 'in', 'sms', 'hallo daar', ?)",
                    arguments: [id, SQLDate(RetentionTests.date(wrote))])
                if let notice {
                    try AlertStore.add(personID: id, kind: "bewaartermijn", detail: "melding", at: RetentionTests.date(notice), in: db)
                }
                if let (event, at) = audit {
                    try AuditLog.record(event, professionalID: nil, personID: id, at: RetentionTests.date(at), in: db)
                }
                return id
            }
        }

        func policy(at now: Date = RetentionTests.now) -> RetentionPolicy {
            RetentionPolicy(settings: RetentionTests.settings, database: database, clock: .fixed(now))
        }

        func exists(_ name: String) throws -> Bool {
            try database.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?)", arguments: [ids[name]])
            } ?? false
        }

        func snapshot() throws -> [Int] {
            try database.read { db in
                try ["person", "alert", "audit", "message", "contact"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
            }
        }

        func name(_ id: Int64) -> String { ids.first { $0.value == id }?.key ?? "?" }
    }

    @Test func aDryRunListsWhatWouldHappenAndChangesNothing() async throws {
        let seed = try Seed()
        let before = try seed.snapshot()
        let plan = try await seed.policy().plan()
        let steps = Dictionary(uniqueKeysWithValues: plan.map { (seed.name($0.personID), $0.step) })
        #expect(steps["oud"] == .erase)
        #expect(steps["bekeken"] == .erase)
        #expect(steps["nog-niet-gemeld"] == .notify(eraseFrom: Self.now.addingTimeInterval(14 * 86_400)))
        #expect(steps["pas-gemeld"] == .wait(until: Self.date("2026-12-04T09:00:00Z")))
        // The term ends on 1 December, but the signal, raised now, must stand 14 days first.
        #expect(steps["bijna"] == .notify(eraseFrom: Self.now.addingTimeInterval(14 * 86_400)))
        #expect(steps["actief"] == nil)
        #expect(steps["weer-actief"] == nil)
        #expect(try seed.snapshot() == before)
    }

    @Test func applyErasesOnlyTheOldAndOnlyAfterTheirSignalHasStood() async throws {
        let seed = try Seed()
        let outcome = try await seed.policy().apply()
        #expect(Set(outcome.erased.map(seed.name)) == ["oud", "bekeken"])
        #expect(Set(outcome.notified.map(seed.name)) == ["nog-niet-gemeld", "bijna"])
        #expect(outcome.erasure == .done)
        for name in ["oud", "bekeken"] { #expect(try !seed.exists(name), "\(name)") }
        for name in ["nog-niet-gemeld", "pas-gemeld", "actief", "weer-actief", "bijna"] { #expect(try seed.exists(name), "\(name)") }
        let signals = try await seed.database.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT personId FROM alert WHERE kind = 'bewaartermijn' AND createdAt = ?", arguments: [SQLDate(Self.now)])
        }
        #expect(Set(signals.map(seed.name)) == ["nog-niet-gemeld", "bijna"])
        // Again at the same moment: nothing new, no second signal.
        let again = try await seed.policy().apply()
        #expect(again.erased.isEmpty && again.notified.isEmpty)
        // Fifteen days on, the signals have stood their 14 days and the terms have ended.
        let later = try await seed.policy(at: Self.now.addingTimeInterval(15 * 86_400)).apply()
        #expect(Set(later.erased.map(seed.name)) == ["nog-niet-gemeld", "pas-gemeld", "bijna"])
        #expect(try seed.exists("actief") && seed.exists("weer-actief"))
        #expect(AlertList.kinds["bewaartermijn"]?.isEmpty == false)
    }

    @Test func eachErasureIsInTheAuditLogByIDOnly() async throws {
        let seed = try Seed()
        _ = try await seed.policy().apply()
        let rows = try seed.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT professionalId, personId, event FROM audit WHERE event LIKE '%wis%' ORDER BY id")
        }
        let erased = try #require(seed.ids["oud"])
        let forOud = rows.filter { ($0["personId"] as Int64?) == erased }.map { $0["event"] as String }
        #expect(forOud == ["gewist (bewaartermijn)", "wissen voltooid"])
        #expect(rows.allSatisfy { ($0["professionalId"] as Int64?) == nil })
        let text = rows.map { "\($0)" }.joined()
        #expect(!text.contains("oud") && !text.contains("+3161"))
        #expect(
            try await seed.database.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE personId = ?", arguments: [erased])
            } == 0)
    }

    @Test func serveRunsTheSameAtItsStart() async throws {
        let seed = try Seed()
        var config = TestServer.config()
        config.retention = Self.settings
        let app = try buildApplication(
            config: config, database: seed.database, library: Fixtures.library, clock: .fixed(Self.now),
            transport: FakeProvider().transport, logger: .init(label: "test"))
        try await app.test(.live) { _ in
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline, try seed.exists("oud") { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(try !seed.exists("oud") && !seed.exists("bekeken"))
        #expect(try seed.exists("nog-niet-gemeld") && seed.exists("actief"))
    }

    @Test func theCommandListsOnADryRunAndErasesOnApply() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("r.sqlite").path
        let database = try AppDatabase.open(path: path)
        let id = try database.write { db -> Int64 in
            try db.execute(
                sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612340000', ?)",
                arguments: [Self.date("2020-01-01T00:00:00Z")])
            let id = try db.lastInsertedRowID
            try AlertStore.add(personID: id, kind: "bewaartermijn", detail: nil, at: Self.date("2020-02-01T00:00:00Z"), in: db)
            return id
        }
        let config = dir.appendingPathComponent("wegwijzer.yaml")
        try "retention: {inactive_months: 12, notice_days: 30}\nchannels: {twilio: {enabled: true, account_sid: AC1, from: x}}\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let dry = try BinaryRunner.run(["retention", "--dry-run", "--config", config.path, "--db", path])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("inwoner \(id)  last active 01-01-2020  erased now"))
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") } == 1)
        let apply = try BinaryRunner.run(["retention", "--apply", "--inactive-months", "12", "--db", path])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("inwoner \(id)  erased"))
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") } == 0)
        #expect(try BinaryRunner.run(["retention", "--db", path, "--inactive-months", "12"]).status != 0)
    }
}
