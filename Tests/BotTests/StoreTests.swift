import Foundation
import GRDB
import Testing

@testable import Bot

struct StoreTests {
    @Test(arguments: Fixtures.Storage.allCases)
    func migrationsCreateEveryTable(_ storage: Fixtures.Storage) throws {
        let database = try storage.open()
        let tables = try database.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%'")
        }
        for table in [
            "person", "contact", "conversation", "message", "outbox", "answer", "consent", "score", "strength",
            "networkMember", "wish", "mantelzorg", "goal", "action", "spiegelblad", "moduleProgress", "alert",
            "job", "checkin", "professional", "webSession", "note", "audit", "erasurePending", "hulpbron", "talkMark", "omgevingView",
            "inwonerLoginCode", "inwonerLoginLink", "inwonerSession", "omgevingLink"
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let applied = try database.writer.read { db in try AppDatabase.migrator.appliedIdentifiers(db) }
        #expect(
            applied.sorted() == [
                // Sorted as text: v10 to v16 come right after v1.
                "v1 create core tables", "v10 leefgebieden to talk about", "v11 the omgeving's own view",
                "v12 network support and closeness", "v13 the inwoner's own login", "v14 answers given together",
                "v15 the omgeving's view by link", "v16 how to reach a professional",
                "v2 outbox delivery", "v3 scheduler", "v4 mantelzorg check-ins", "v5 professionals",
                "v6 urgent alerts and waiting follow-ups", "v7 erasures finished later",
                "v8 actions proposed to the professional", "v9 hulpbronnen and who carries an action"
            ])
    }

    @Test func diskDatabaseIsWALWithFullSyncAndForeignKeys() throws {
        let database = try Fixtures.Storage.disk.open()
        let (journal, synchronous, foreignKeys) = try database.write { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        // Erased rows are zeroed on every connection, readers included.
        let secureDelete = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }
        let readerSecureDelete = try database.read { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") }
        #expect(secureDelete == 1)
        #expect(readerSecureDelete == 1)
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == 1)
    }

    @Test func normalDurabilityIsConfigurable() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("db.sqlite").path
        let database = try AppDatabase.open(path: path, durability: .normal)
        let synchronous = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 1)
    }

    @Test func migratingAgainChangesNothing() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("db.sqlite").path
        let first = try AppDatabase.open(path: path)
        try first.write { db in
            _ = try PersonStore.findOrCreate(channel: "sms", address: "+31612345678", phone: "+31612345678", at: Fixtures.start, in: db)
        }
        let second = try AppDatabase.open(path: path)
        #expect(try second.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") } == 1)
    }

    @Test func findingTheSenderNotesWhenTheyLastWrote() throws {
        let database = try AppDatabase.inMemory()
        let later = Fixtures.start.addingTimeInterval(3_600)
        let (first, again, other) = try database.write { db in
            (
                try PersonStore.findOrCreate(channel: "sms", address: "+31612345678", phone: "+31612345678", at: Fixtures.start, in: db),
                try PersonStore.findOrCreate(channel: "sms", address: "+31612345678", phone: "+31612345678", at: later, in: db),
                try PersonStore.findOrCreate(channel: "sms", address: "+31687654321", phone: "+31687654321", at: Fixtures.start, in: db)
            )
        }
        #expect(first == again)
        #expect(first != other)
        let seen = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT address, lastInboundAt FROM contact ORDER BY address").map { row in
                [row["address"] as String, row["lastInboundAt"] as String? ?? "never"]
            }
        }
        #expect(
            seen == [
                ["+31612345678", SQLDate.text(later)],
                ["+31687654321", SQLDate.text(Fixtures.start)]
            ])
    }

    @Test func aPhoneBelongsToOnePerson() throws {
        let database = try AppDatabase.inMemory()
        let (a, b) = try database.write { db in
            (
                try PersonStore.findOrCreate(channel: "sms", address: "+31612345678", phone: "+31612345678", at: Fixtures.start, in: db),
                try PersonStore.findOrCreate(channel: "whatsapp", address: "31612345678", phone: "+31612345678", at: Fixtures.start, in: db)
            )
        }
        #expect(a == b)
        #expect(throws: DatabaseError.self) {
            try database.write { db in
                try db.execute(
                    sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', ?)", arguments: [Fixtures.start])
            }
        }
    }
}

struct MigrationUpgradeTests {
    @Test func v1DataSurvivesTheUpgradeToV2() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path, configuration: AppDatabase.configuration(.full))
        try AppDatabase.migrator.migrate(queue, upTo: "v1 create core tables")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', '2026-11-01')")
            try db.execute(
                sql: "INSERT INTO message (personId, direction, channel, text, createdAt) VALUES (1, 'out', 'sms', 'hallo', '2026-11-01')")
            try db.execute(sql: "INSERT INTO outbox (messageId, personId, channel, createdAt) VALUES (1, 1, 'sms', '2026-11-01')")
        }
        try queue.close()
        let upgraded = try AppDatabase.open(path: path)
        let row = try upgraded.read { db in
            try Row.fetchOne(
                db, sql: "SELECT o.status, o.nextAttemptAt, o.leaseUntil, m.text FROM outbox o JOIN message m ON m.id = o.messageId")
        }
        #expect(row?["status"] == "pending")
        #expect(row?["text"] == "hallo")
        #expect(row?["nextAttemptAt"] as String? == nil)
        let applied = try upgraded.writer.read { db in try AppDatabase.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v2 outbox delivery"))
    }

    @Test func v5AlertsAndJobsSurviveTheUpgradeToV6() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("v5.sqlite").path
        let queue = try DatabaseQueue(path: path, configuration: AppDatabase.configuration(.full))
        try AppDatabase.migrator.migrate(queue, upTo: "v5 professionals")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', '2026-11-01')")
            try db.execute(
                sql:
                    "INSERT INTO alert (personId, kind, detail, createdAt) VALUES (1, 'crisis', 'x', '2026-11-01'), (1, 'contact', 'y', '2026-11-01')"
            )
            try db.execute(
                sql:
                    "INSERT INTO job (kind, personId, dueAt, idempotencyKey, createdAt) VALUES ('followup', 1, '2026-11-02 10:00:00.000', 'k', '2026-11-01')"
            )
        }
        try queue.close()
        let upgraded = try AppDatabase.open(path: path)
        try upgraded.read { db in
            #expect(try Bool.fetchAll(db, sql: "SELECT urgent FROM alert ORDER BY id") == [true, false])
            let job = try Row.fetchOne(db, sql: "SELECT status, held, firstDueAt, run FROM job")
            #expect(job?["status"] == "pending")
            #expect(job?["held"] == false)
            #expect(job?["firstDueAt"] as String? == nil)
            #expect(job?["run"] as String? == nil)
        }
    }

    @Test func v12MessagesSurviveTheUpgradeAsGivenByThePersonAlone() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("v12.sqlite").path
        let queue = try DatabaseQueue(path: path, configuration: AppDatabase.configuration(.full))
        try AppDatabase.migrator.migrate(queue, upTo: "v12 network support and closeness")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', '2026-11-01')")
            try db.execute(
                sql:
                    "INSERT INTO message (personId, direction, channel, providerId, text, createdAt) VALUES (1, 'in', 'sms', 'SM1', 'ja', '2026-11-01')"
            )
        }
        try queue.close()
        let upgraded = try AppDatabase.open(path: path)
        let line = try upgraded.read { db in try MessageStore.transcript(personID: 1, limit: 5, in: db) }.first
        #expect(line?.text == "ja")
        #expect(line?.via == nil && line?.professionalID == nil)
    }
}
