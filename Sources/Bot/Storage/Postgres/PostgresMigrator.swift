import Foundation
import GRDB
import Logging

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
    func migrate(_ pool: PostgresConnectionPool, at now: Date, logger: Logger) throws -> [String] {
        var applied: [String] = []
        while let identifier = try pool.withConnection({ try applyNext(PostgresSQLConnection($0, pool: pool), at: now) }) {
            logger.info("postgres: migrated", metadata: ["migration": "\(identifier)"])
            applied.append(identifier)
        }
        return applied
    }

    /// The identifiers recorded in the database: the known ones in the migrations' order, then any
    /// unknown ones.
    func applied(_ pool: PostgresConnectionPool, logger: Logger) throws -> [String] {
        let recorded = try pool.withConnection { connection in
            let db = PostgresSQLConnection(connection, pool: pool)
            try createTable(db)
            return try Self.recorded(db)
        }
        let position = Dictionary(uniqueKeysWithValues: migrations.enumerated().map { ($1.identifier, $0) })
        return recorded.sorted { (position[$0] ?? .max, $0) < (position[$1] ?? .max, $1) }
    }

    private func applyNext(_ db: PostgresSQLConnection, at now: Date) throws -> String? {
        try db.transaction {
            try db.execute(sql: "SELECT pg_advisory_xact_lock(?)", arguments: [Self.lockKey])
            try createTable(db)
            let recorded = try Self.recorded(db)
            let known = Set(migrations.map(\.identifier))
            let unknown = recorded.filter { !known.contains($0) }
            guard unknown.isEmpty else { throw Problem.unknownMigrations(unknown) }
            let done = Set(recorded)
            guard let next = migrations.first(where: { !done.contains($0.identifier) }) else { return nil }
            for statement in next.statements {
                try db.execute(sql: statement)
            }
            try db.execute(
                sql: "INSERT INTO schema_migrations (identifier, appliedAt) VALUES (?, ?)", arguments: [next.identifier, SQLDate.text(now)])
            return next.identifier
        }
    }

    private func createTable(_ db: PostgresSQLConnection) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)")
    }

    private static func recorded(_ db: PostgresSQLConnection) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT identifier FROM schema_migrations ORDER BY identifier")
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
