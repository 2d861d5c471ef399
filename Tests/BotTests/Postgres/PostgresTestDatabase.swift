import Foundation
import GRDB
import Logging
import PostgresNIO

@testable import Bot

/// A fresh, empty database of its own for one test, on the throwaway cluster that scripts/test
/// starts (`scripts/lib/postgres.sh` exports its URL as `WEGWIJZER_TEST_POSTGRES`). Each test
/// creates `wegwijzer_test_<random>` and drops it afterwards, so the tests run in parallel.
enum PostgresTestDatabase {
    /// The cluster's `postgres` database, or nil when no cluster is up (the tests that need one
    /// are then skipped, and scripts/test has said why).
    static let adminURL: PostgresURL? = ProcessInfo.processInfo.environment["WEGWIJZER_TEST_POSTGRES"].flatMap { try? PostgresURL($0) }

    static var isAvailable: Bool { ProcessInfo.processInfo.environment["WEGWIJZER_TEST_POSTGRES"] != nil }

    static let logger = Logger(label: "wegwijzer.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` with a client on a new database, and drops the database afterwards, whether
    /// `body` returned or threw.
    static func withDatabase<T: Sendable>(_ body: (PostgresURL, PostgresClient) async throws -> T) async throws -> T {
        guard let adminURL else { throw Unavailable() }
        let name = "wegwijzer_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await withClient(adminURL) { admin in
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        let url = adminURL.with(database: name)
        do {
            let result = try await withClient(url, body: { try await body(url, $0) })
            try await drop(name, adminURL)
            return result
        } catch {
            try? await drop(name, adminURL)
            throw error
        }
    }

    /// Runs `body` with a client whose pool runs for as long as `body` does.
    @discardableResult
    static func withClient<T: Sendable>(_ url: PostgresURL, body: (PostgresClient) async throws -> T) async throws -> T {
        let configuration = try url.clientConfiguration(password: PostgresPassword.find(for: url))
        let client = PostgresClient(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    private static func drop(_ name: String, _ adminURL: PostgresURL) async throws {
        try await withClient(adminURL) { admin in
            try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }

    /// Runs `body` with a pool of `size` connections to `url`, closed afterwards.
    static func withPool<T>(_ url: PostgresURL, size: Int = 1, _ body: (PostgresConnectionPool) throws -> T) throws -> T {
        let pool = PostgresConnectionPool(
            configuration: try url.connectionConfiguration(password: PostgresPassword.find(for: url)), size: size, logger: logger)
        defer { pool.close() }
        return try body(pool)
    }

    /// Runs `body` on one connection of `pool`, outside a transaction.
    static func sql<T>(_ pool: PostgresConnectionPool, _ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in try body(PostgresSQLConnection(connection, pool: pool)) }
    }

    /// A fresh database with the whole schema, for one test: a copy of a template migrated once
    /// per test process (`CREATE DATABASE … TEMPLATE`), which is much quicker than migrating each.
    /// `dropStore` removes it.
    static func makeStore() throws -> AppDatabase {
        guard let adminURL else { throw Unavailable() }
        let template = try migratedTemplate.get()
        let name = "wegwijzer_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try admin { db in try db.execute(sql: "CREATE DATABASE \(name) TEMPLATE \(template)") }
        return try AppDatabase.open(postgres: adminURL.with(database: name), password: nil, poolSize: 2, logger: logger, at: Date())
    }

    /// A new, empty database (no schema: what `serve` migrates at its start), and its URL.
    static func makeEmptyDatabase() throws -> PostgresURL {
        guard let adminURL else { throw Unavailable() }
        let name = "wegwijzer_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try admin { db in try db.execute(sql: "CREATE DATABASE \(name)") }
        return adminURL.with(database: name)
    }

    /// Drops a database `makeEmptyDatabase` made, with whatever is still connected to it.
    static func dropDatabase(_ url: PostgresURL) {
        try? admin { db in try db.execute(sql: "DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)") }
    }

    /// Closes the store's connections and drops its database.
    static func dropStore(_ database: AppDatabase) {
        database.close()
        guard let name = database.postgresDatabaseName else { return }
        try? admin { db in try db.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// The template: created and migrated on first use, then left without connections (a
    /// template in use cannot be copied). The throwaway cluster goes with it.
    private static let migratedTemplate: Result<String, any Error> = Result {
        guard let adminURL else { throw Unavailable() }
        let name = "wegwijzer_template_\(ProcessInfo.processInfo.processIdentifier)"
        try admin { db in
            try db.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try db.execute(sql: "CREATE DATABASE \(name)")
        }
        let store = try AppDatabase.open(postgres: adminURL.with(database: name), password: nil, poolSize: 1, logger: logger, at: Date())
        store.close()
        return name
    }

    /// Runs `body` on a connection to the cluster's `postgres` database, outside any transaction
    /// (CREATE and DROP DATABASE refuse to run in one).
    private static func admin(_ body: (any SQLConnection) throws -> Void) throws {
        guard let adminURL else { throw Unavailable() }
        try withPool(adminURL) { pool in try sql(pool, body) }
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "WEGWIJZER_TEST_POSTGRES is not set: no PostgreSQL cluster for the tests" }
    }
}
