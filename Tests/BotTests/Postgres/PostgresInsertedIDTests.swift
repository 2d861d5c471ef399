import Foundation
import GRDB
import Testing

@testable import Bot

/// An INSERT into a table with an identity id tells its new id itself (`RETURNING id`), so
/// `lastInsertedRowID` costs no second query; the other statements go as written.
struct PostgresInsertedIDTests {
    @Test func anInsertIntoAnIdentityTableAsksForItsID() {
        #expect(
            PostgresInsertedID.returning("INSERT INTO message (personId, text) VALUES (?, ?)")
                == "INSERT INTO message (personId, text) VALUES (?, ?) RETURNING id")
        #expect(PostgresInsertedID.returning("\n  insert into outbox (messageId) VALUES (?)")?.hasSuffix(" RETURNING id") == true)
        #expect(PostgresInsertedID.identityTables.isSuperset(of: ["person", "message", "outbox", "goal", "action", "job"]))
    }

    @Test func otherStatementsGoAsWritten() {
        #expect(PostgresInsertedID.returning("INSERT INTO message (text) VALUES (?) RETURNING id, personId") == nil)
        #expect(PostgresInsertedID.returning("INSERT INTO schema_migrations (identifier) VALUES (?)") == nil)
        #expect(PostgresInsertedID.returning("UPDATE message SET text = ? WHERE id = ?") == nil)
        #expect(PostgresInsertedID.returning("INSERT INTO messageArchive (id) VALUES (?)") == nil)
        #expect(!PostgresInsertedID.isInsert("SELECT 'INSERT'"))
        #expect(PostgresInsertedID.isInsert(" insert into x VALUES (1)"))
    }

    @Test(.enabled(if: PostgresTestDatabase.isAvailable))
    func theReturnedIDIsTheRowsAndAnInsertThatAddsNothingFallsBackToLastval() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        try database.write { db in
            let now = SQLDate(Date(timeIntervalSince1970: 1_800_000_000))
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, 'A', ?)", arguments: ["+31611111111", now])
            let first = try db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, 'B', ?)", arguments: ["+31622222222", now])
            let second = try db.lastInsertedRowID
            #expect(second != first)
            #expect(try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE name = 'B'") == second)
            // A statement between leaves the id as the INSERT gave it, as on SQLite.
            try db.execute(sql: "UPDATE person SET name = 'C' WHERE id = ?", arguments: [first])
            #expect(try db.lastInsertedRowID == second)
            // Nothing inserted: no id returned, and the answer is the session's last drawn value.
            try db.execute(
                sql: "INSERT INTO person (id, role, phone, name, createdAt) VALUES (?, 'inwoner', ?, 'D', ?) ON CONFLICT DO NOTHING",
                arguments: [first, "+31633333333", now])
            #expect(db.changesCount == 0)
            #expect(try db.lastInsertedRowID == second)
        }
    }
}
