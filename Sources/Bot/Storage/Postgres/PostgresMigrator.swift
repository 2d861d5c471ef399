import Foundation
import Logging
import PostgresNIO

/// Brings a PostgreSQL database up to `PostgresSchema.migrations`: applies the missing ones in
/// order, each in a transaction of its own together with the row in `schema_migrations` that
/// records it, so a migration is either wholly there and recorded or not there at all.
///
/// Several instances may start at once against one database. Each transaction first takes a
/// transaction-level advisory lock on a fixed key, then reads what is applied, so exactly one
/// instance applies a migration while the others wait on the lock and then find it recorded. A
/// transaction-level lock (not a session lock held across the whole run) is released by COMMIT or
/// ROLLBACK and by the server when a connection dies, so a crashed instance never leaves it held
/// on a pooled connection.
///
/// A database that records a migration this version does not know was migrated by a newer
/// Wegwijzer; it is refused rather than served with a schema this code was not written for.
struct PostgresMigrator: Sendable {
    /// The advisory lock every Wegwijzer instance takes while migrating: "Wegwijzr" in ASCII, so
    /// that it is unlikely to meet another application's key on a shared server.
    static let lockKey: Int64 = 0x5765_6777_696A_7A72

    let migrations: [PostgresSchema.Migration]

    init(migrations: [PostgresSchema.Migration] = PostgresSchema.migrations) {
        self.migrations = migrations
    }

    /// Applies what is missing and returns the identifiers this call applied, in order (empty when
    /// the database was up to date, or another instance migrated it meanwhile).
    @discardableResult
    func migrate(_ client: PostgresClient, at now: Date, logger: Logger) async throws -> [String] {
        var applied: [String] = []
        while let identifier = try await applyNext(client, at: now, logger: logger) {
            logger.info("postgres: migrated", metadata: ["migration": "\(identifier)"])
            applied.append(identifier)
        }
        return applied
    }

    /// The identifiers recorded in the database: the known ones in the migrations' order, then any
    /// unknown ones.
    func applied(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        let recorded = try await client.withConnection { connection in
            try await createTable(connection, logger: logger)
            return try await Self.recorded(connection, logger: logger)
        }
        let position = Dictionary(uniqueKeysWithValues: migrations.enumerated().map { ($1.identifier, $0) })
        return recorded.sorted { (position[$0] ?? .max, $0) < (position[$1] ?? .max, $1) }
    }

    private func applyNext(_ client: PostgresClient, at now: Date, logger: Logger) async throws -> String? {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                try await createTable(connection, logger: logger)
                let recorded = try await Self.recorded(connection, logger: logger)
                let known = Set(migrations.map(\.identifier))
                let unknown = recorded.filter { !known.contains($0) }
                guard unknown.isEmpty else { throw Problem.unknownMigrations(unknown) }
                let done = Set(recorded)
                guard let next = migrations.first(where: { !done.contains($0.identifier) }) else { return nil }
                for statement in next.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (identifier, "appliedAt") VALUES (\(next.identifier), \(SQLDate.text(now)))
                    """, logger: logger)
                return next.identifier
            }
        } catch let error as PostgresTransactionError {
            // The refusal is ours, not the database's: surface it as it is.
            if let problem = error.closureError as? Problem { throw problem }
            throw error
        }
    }

    private func createTable(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)
            """, logger: logger)
    }

    private static func recorded(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var identifiers: [String] = []
        let rows = try await connection.query("SELECT identifier FROM schema_migrations ORDER BY identifier", logger: logger)
        for try await identifier in rows.decode(String.self) {
            identifiers.append(identifier)
        }
        return identifiers
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownMigrations([String])

        var description: String {
            switch self {
            case .unknownMigrations(let identifiers):
                "the database has migrations this version of Wegwijzer does not know (\(identifiers.joined(separator: ", "))): "
                    + "a newer version has run on it. Run that version or a newer one, or restore the backup made before it"
            }
        }
    }
}
