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
        try await PostgresTestDatabase.withDatabase { url, _ in
            try PostgresTestDatabase.withPool(url) { pool in
                let migrator = PostgresMigrator()
                let first = try migrator.migrate(pool, at: now, logger: logger)
                #expect(first == AppDatabase.migrator.migrations)
                #expect(try migrator.applied(pool, logger: logger) == AppDatabase.migrator.migrations)
                let second = try migrator.migrate(pool, at: now, logger: logger)
                #expect(second == [])
                let stamps = try PostgresTestDatabase.sql(pool) { db in
                    try String.fetchAll(db, sql: "SELECT appliedAt FROM schema_migrations")
                }
                #expect(stamps.count == 16)
                #expect(stamps.allSatisfy { $0 == SQLDate.text(now) })
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
                        // A pool each, as separate processes would have, each on a thread of its own.
                        try await Self.onThread {
                            try PostgresTestDatabase.withPool(url) { pool in try PostgresMigrator().migrate(pool, at: now, logger: logger) }
                        }
                    }
                }
                var results: [[String]] = []
                for try await applied in group { results.append(applied) }
                return results
            }
            #expect(results.count == 4)
            #expect(results.flatMap { $0 }.sorted() == AppDatabase.migrator.migrations.sorted())
            try PostgresTestDatabase.withPool(url) { pool in
                let (all, distinct) = try PostgresTestDatabase.sql(pool) { db in
                    (
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migrations"),
                        try Int.fetchOne(db, sql: "SELECT count(DISTINCT identifier) FROM schema_migrations")
                    )
                }
                #expect(all == 16)
                #expect(distinct == 16)
                #expect(try PostgresMigrator().migrate(pool, at: now, logger: logger) == [])
            }
        }
    }

    @Test func aDatabaseANewerVersionMigratedIsRefused() async throws {
        try await PostgresTestDatabase.withDatabase { url, _ in
            try PostgresTestDatabase.withPool(url) { pool in
                let migrator = PostgresMigrator()
                try migrator.migrate(pool, at: now, logger: logger)
                try PostgresTestDatabase.sql(pool) { db in
                    try db.execute(
                        sql:
                            "INSERT INTO schema_migrations (identifier, appliedAt) VALUES ('v99 from the future', '2030-01-01 00:00:00.000')"
                    )
                }
                let error = #expect(throws: PostgresMigrator.Problem.self) {
                    try migrator.migrate(pool, at: now, logger: logger)
                }
                #expect(error == .unknownMigrations(["v99 from the future"]))
                #expect(error?.description.contains("newer version") == true)
            }
        }
    }

    /// A migration that fails leaves nothing of itself behind, and is not recorded.
    @Test func aFailingMigrationIsRolledBackWhole() async throws {
        try await PostgresTestDatabase.withDatabase { url, _ in
            try PostgresTestDatabase.withPool(url) { pool in
                let broken = PostgresSchema.Migration(
                    identifier: "v17 broken", script: "CREATE TABLE half (id BIGINT);\nALTER TABLE nowhere ADD COLUMN x TEXT;")
                let migrator = PostgresMigrator(migrations: PostgresSchema.migrations + [broken])
                #expect(throws: (any Error).self) { try migrator.migrate(pool, at: now, logger: logger) }
                #expect(try migrator.applied(pool, logger: logger) == AppDatabase.migrator.migrations)
                let count = try PostgresTestDatabase.sql(pool) { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM information_schema.tables WHERE table_name = 'half'")
                }
                #expect(count == 0)
            }
        }
    }

    /// Runs blocking work on a thread of its own, off Swift's cooperative threads.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
