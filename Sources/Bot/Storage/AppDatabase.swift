import Foundation
import GRDB
import Logging
import Synchronization

/// The database of one deployment: a SQLite file (the default), or PostgreSQL when several
/// instances share one store. Opened once, migrated on open, shared by all work, which reaches it
/// through `write` and `read` (`AppDatabase+Access`).
package struct AppDatabase: Sendable {
    enum Backend: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresConnectionPool)
    }

    let backend: Backend

    /// SQLite's own access, for what only SQLite has (backups of the file, checkpoints of its
    /// log, GRDB's migrator); nil on PostgreSQL.
    package var sqlite: (any DatabaseWriter)? {
        guard case .sqlite(let writer) = backend else { return nil }
        return writer
    }

    /// SQLite's writer, where only SQLite can be open (its tests, its backup, its checkpoints).
    package var writer: any DatabaseWriter {
        guard let sqlite else { preconditionFailure("SQLite's writer asked of a PostgreSQL store") }
        return sqlite
    }

    /// How many write transactions of inbound messages may run at once (`InboundBatcher`). SQLite
    /// writes one at a time. PostgreSQL runs them side by side, and a batch mostly waits for the
    /// network, so half the pool writes and the other half stays for reads, the outbox and the jobs.
    var concurrentWriters: Int {
        switch backend {
        case .sqlite: 1
        case .postgres(let pool): max(1, pool.size / 2)
        }
    }

    package enum Durability: String, Sendable {
        /// Acknowledged means on disk (WAL, synchronous=FULL).
        case full
        /// WAL with synchronous=NORMAL: a power cut may lose the last commits, a crash does not.
        case normal
    }

    init(_ writer: any DatabaseWriter) throws {
        self.backend = .sqlite(writer)
        try Self.migrator.migrate(writer)
    }

    /// The PostgreSQL store at `url`, brought up to the current schema (`PostgresMigrator`: when
    /// several instances start at once, one migrates and the others wait), with a pool of
    /// `poolSize` connections.
    static func open(postgres url: PostgresURL, password: String?, poolSize: Int, logger: Logger, at now: Date) throws -> AppDatabase {
        let configuration = try url.connectionConfiguration(password: password)
        let pool = PostgresConnectionPool(configuration: configuration, size: poolSize, logger: logger)
        do {
            try PostgresMigrator().migrate(pool, at: now, logger: logger)
        } catch {
            pool.close()
            throw error
        }
        return AppDatabase(backend: .postgres(pool))
    }

    private init(backend: Backend) {
        self.backend = backend
    }

    /// Transactions committed and rolled back so far, on PostgreSQL (SQLite's are watched with a
    /// GRDB transaction observer instead).
    package var postgresTransactions: (commits: Int, rollbacks: Int)? {
        guard case .postgres(let pool) = backend else { return nil }
        return (pool.commits.load(ordering: .relaxed), pool.rollbacks.load(ordering: .relaxed))
    }

    /// The PostgreSQL database's name; nil on SQLite.
    package var postgresDatabaseName: String? {
        guard case .postgres(let pool) = backend else { return nil }
        return pool.databaseName
    }

    /// Lets go of the connections (PostgreSQL's pool; a SQLite file closes when the last
    /// reference goes).
    package func close() {
        if case .postgres(let pool) = backend { pool.close() }
    }

    /// Opens (or creates) the database file in WAL mode; the file and the ones beside it are the
    /// owner's only (`DatabaseFiles`).
    package static func open(path: String, durability: Durability = .full) throws -> AppDatabase {
        try DatabaseFiles.prepare(path)
        let pool = try DatabasePool(path: path, configuration: configuration(durability))
        DatabaseFiles.restrict(path)
        // GRDB sets synchronous=NORMAL when it opens a pool in WAL mode, after prepareDatabase;
        // the pool has one writer connection, so setting it there once is enough.
        try pool.barrierWriteWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
        }
        return try AppDatabase(pool)
    }

    /// An in-memory database with the same schema, for tests.
    package static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration(.full)))
    }

    static func configuration(_ durability: Durability) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
            // Deleted rows are overwritten with zeros, so an erased inwoner's phone number does
            // not survive in free pages of the file (AVG right to erasure).
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    /// The database answers a query (for `/healthz`).
    static func isReachable(_ db: any SQLConnection) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1") == 1
    }

    /// Leaves no earlier version of any row in the store's files, waiting at most `wait` for readers
    /// that may still see one. True when done. False when a reader still holds an earlier version:
    /// nothing is promised then, and a later call tries again. Writers wait while it runs, so `wait`
    /// is kept short.
    func purgeEarlierVersions(wait: Duration) async throws -> Bool {
        if case .postgres(let pool) = backend {
            // VACUUM removes the dead versions of rows that no transaction can see any more; it
            // cannot run inside a transaction, and leaves rows a running one may still see, which
            // a later call (the finisher retries) removes.
            try await pool.withConnection { connection in
                try PostgresSQLConnection(connection, pool: pool).execute(sql: "VACUUM")
            }
            return true
        }
        guard let pool = writer as? DatabasePool else {
            return try await writer.writeWithoutTransaction(Self.truncateLog)
        }
        // A connection of its own with a short busy timeout: on the pool's writer, a reader that
        // held on would keep the writer (and every inbound message) waiting for its full timeout.
        var configuration = Configuration()
        configuration.busyMode = .timeout(wait.seconds)
        configuration.label = "purge"
        let connection = try DatabaseQueue(path: pool.path, configuration: configuration)
        return try await connection.writeWithoutTransaction(Self.truncateLog)
    }

    /// TRUNCATE copies the whole WAL into the database file and empties the WAL, once no reader
    /// needs it; the result row is (busy, frames in the WAL, frames copied), frames -1 without a WAL.
    @Sendable private static func truncateLog(_ db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else { return true }
        let busy: Int = row[0]
        let frames: Int = row[1]
        let copied: Int = row[2]
        return busy == 0 && (frames == -1 || frames == copied)
    }

    /// Copies everything from the WAL into the database file and empties the WAL (after a bulk
    /// load, so a server starts clean).
    package func checkpoint() throws {
        guard let writer = sqlite else { return }
        try writer.writeWithoutTransaction { db in
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
