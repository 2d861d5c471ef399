import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

@testable import Bot

/// The PostgreSQL DDL against SQLite's: the same migrations and, once applied, the same tables,
/// columns, NOT NULLs, keys and indexes.
struct PostgresSchemaTests {
    @Test func theMigrationsAreSQLitesByIdentifierAndOrder() {
        #expect(PostgresSchema.migrations.map(\.identifier) == AppDatabase.migrator.migrations)
        #expect(PostgresSchema.migrations.count == 16)
    }

    @Test func eachScriptSplitsIntoWholeStatements() {
        for migration in PostgresSchema.migrations {
            let statements = migration.statements
            #expect(!statements.isEmpty, "\(migration.identifier)")
            for statement in statements {
                #expect(statement.hasSuffix(";"), "\(migration.identifier): \(statement)")
                let earlier = statement.split(separator: "\n").dropLast().filter {
                    !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--")
                }
                #expect(!earlier.contains { $0.hasSuffix(";") }, "\(migration.identifier): \(statement)")
            }
        }
        #expect(PostgresSchema.migrations[0].statements.first?.hasPrefix("CREATE TABLE person (") == true)
    }

    /// SQLite's declared type and the PostgreSQL type that stands for it (see `PostgresSchema`).
    static func sameType(_ sqlite: String, _ postgres: String) -> Bool {
        switch (sqlite, postgres) {
        case ("INTEGER", "bigint"), ("INTEGER", "boolean"), ("TEXT", "text"): true
        default: false
        }
    }

    static func sqliteShape() throws -> SchemaShape {
        try AppDatabase.inMemory().writer.read { try SchemaShape.read(sqlite: $0) }
    }

    @Test(.enabled(if: PostgresTestDatabase.isAvailable))
    func theMigratedSchemaIsSQLites() async throws {
        let sqlite = try Self.sqliteShape()
        let postgres = try await PostgresTestDatabase.withDatabase { url, client in
            _ = try PostgresTestDatabase.withPool(url) {
                try PostgresMigrator().migrate($0, at: Date(), logger: PostgresTestDatabase.logger)
            }
            return try await client.withConnection { try await SchemaShape.read(postgres: $0, logger: PostgresTestDatabase.logger) }
        }
        #expect(sqlite.differences(from: postgres, sameType: Self.sameType) == [])
        // The comparison has something to compare: every table, with keys and indexes.
        #expect(postgres.tables.count == sqlite.tables.count)
        #expect(sqlite.tables.count >= 30)
        #expect(postgres.tables["message"]?.uniqueKeys.contains(.init(columns: ["channel", "providerid"], partial: true)) == true)
        #expect(postgres.tables["professional"]?.uniqueKeys.contains(.init(columns: ["lower(email)"], partial: false)) == true)
        #expect(postgres.tables["moduleprogress"]?.primaryKey == ["personid", "module"])
        #expect(
            postgres.tables["action"]?.foreignKeys.contains(
                .init(columns: ["networkmemberid"], table: "networkmember", referenced: ["id"], onDelete: "SET NULL")) == true)
    }

    /// The comparison fails on a drift in either direction: each change to the PostgreSQL side is
    /// named in the differences.
    @Test(.enabled(if: PostgresTestDatabase.isAvailable))
    func aDriftIsFound() async throws {
        let sqlite = try Self.sqliteShape()
        let drifts: [(String, String)] = [
            ("ALTER TABLE person DROP COLUMN name", "person: columns"),
            ("ALTER TABLE note ALTER COLUMN text DROP NOT NULL", "note.text: NOT NULL"),
            ("ALTER TABLE job ALTER COLUMN attempts TYPE integer", "job.attempts: type"),
            ("ALTER TABLE action DROP CONSTRAINT action_networkmemberid_fkey", "action: foreign keys"),
            ("ALTER TABLE contact DROP CONSTRAINT contact_channel_address_key", "contact: unique keys"),
            ("DROP INDEX job_due", "job: indexes"),
            ("DROP INDEX professional_email", "professional: unique keys"),
            ("CREATE TABLE extra (id BIGINT)", "extra: only on the other side")
        ]
        let found = try await PostgresTestDatabase.withDatabase { url, client in
            _ = try PostgresTestDatabase.withPool(url) {
                try PostgresMigrator().migrate($0, at: Date(), logger: PostgresTestDatabase.logger)
            }
            return try await client.withConnection { connection in
                for (statement, _) in drifts {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresTestDatabase.logger)
                }
                return try await SchemaShape.read(postgres: connection, logger: PostgresTestDatabase.logger)
            }
        }
        let differences = sqlite.differences(from: found, sameType: Self.sameType)
        for (statement, expected) in drifts {
            #expect(differences.contains { $0.hasPrefix(expected) }, "\(statement): \(differences)")
        }
    }
}
