import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

@testable import Bot

/// Migrating a PostgreSQL database: all at once, once only, from several instances at the same
/// moment, and never a database a newer version migrated.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable))
struct PostgresMigratorTests {
    let logger = PostgresTestDatabase.logger
    let now = Date(timeIntervalSince1970: 1_795_424_400)

    @Test func anEmptyDatabaseGetsEveryMigrationInOrderAndASecondRunNothing() async throws {
        try await PostgresTestDatabase.withDatabase { _, client in
            let migrator = PostgresMigrator()
            let first = try await migrator.migrate(client, at: now, logger: logger)
            #expect(first == AppDatabase.migrator.migrations)
            #expect(try await migrator.applied(client, logger: logger) == AppDatabase.migrator.migrations)
            let second = try await migrator.migrate(client, at: now, logger: logger)
            #expect(second == [])
            let rows = try await client.query("SELECT \"appliedAt\" FROM schema_migrations", logger: logger)
            for try await appliedAt in rows.decode(String.self) {
                #expect(appliedAt == SQLDate.text(now))
            }
        }
    }

    /// Four instances starting at once: all finish, together they applied each migration once,
    /// and each is recorded once.
    @Test func fourInstancesAtOnceMigrateOnce() async throws {
        try await PostgresTestDatabase.withDatabase { url, _ in
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        // A client each, as separate processes would have.
                        try await PostgresTestDatabase.withClient(url) { client in
                            try await PostgresMigrator().migrate(client, at: now, logger: logger)
                        }
                    }
                }
                var results: [[String]] = []
                for try await applied in group { results.append(applied) }
                return results
            }
            #expect(results.count == 4)
            #expect(results.flatMap { $0 }.sorted() == AppDatabase.migrator.migrations.sorted())
            try await PostgresTestDatabase.withClient(url) { client in
                let rows = try await client.query(
                    "SELECT count(*), count(DISTINCT identifier) FROM schema_migrations", logger: logger)
                for try await (all, distinct) in rows.decode((Int, Int).self) {
                    #expect(all == 16)
                    #expect(distinct == 16)
                }
                #expect(try await PostgresMigrator().migrate(client, at: now, logger: logger) == [])
            }
        }
    }

    @Test func aDatabaseANewerVersionMigratedIsRefused() async throws {
        try await PostgresTestDatabase.withDatabase { _, client in
            let migrator = PostgresMigrator()
            try await migrator.migrate(client, at: now, logger: logger)
            try await client.query(
                "INSERT INTO schema_migrations (identifier, \"appliedAt\") VALUES ('v99 from the future', '2030-01-01 00:00:00.000')",
                logger: logger)
            let error = await #expect(throws: PostgresMigrator.Problem.self) {
                try await migrator.migrate(client, at: now, logger: logger)
            }
            #expect(error == .unknownMigrations(["v99 from the future"]))
            #expect(error?.description.contains("newer version") == true)
        }
    }

    /// A migration that fails leaves nothing of itself behind, and is not recorded.
    @Test func aFailingMigrationIsRolledBackWhole() async throws {
        try await PostgresTestDatabase.withDatabase { _, client in
            let broken = PostgresSchema.Migration(
                identifier: "v17 broken", script: "CREATE TABLE half (id BIGINT);\nALTER TABLE nowhere ADD COLUMN x TEXT;")
            let migrator = PostgresMigrator(migrations: PostgresSchema.migrations + [broken])
            await #expect(throws: (any Error).self) { try await migrator.migrate(client, at: now, logger: logger) }
            #expect(try await migrator.applied(client, logger: logger) == AppDatabase.migrator.migrations)
            let rows = try await client.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half'", logger: logger)
            for try await count in rows.decode(Int.self) { #expect(count == 0) }
        }
    }
}
