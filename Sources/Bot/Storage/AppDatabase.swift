import Foundation
import GRDB

/// The SQLite database of one deployment: opened once, migrated on open, shared by all work.
struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    enum Durability: String, Sendable {
        /// Acknowledged means on disk (WAL, synchronous=FULL).
        case full
        /// WAL with synchronous=NORMAL: a power cut may lose the last commits, a crash does not.
        case normal
    }

    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (or creates) the database file in WAL mode.
    static func open(path: String, durability: Durability = .full) throws -> AppDatabase {
        let pool = try DatabasePool(path: path, configuration: configuration(durability))
        // GRDB sets synchronous=NORMAL when it opens a pool in WAL mode, after prepareDatabase;
        // the pool has one writer connection, so setting it there once is enough.
        try pool.barrierWriteWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
        }
        return try AppDatabase(pool)
    }

    /// An in-memory database with the same schema, for tests.
    static func inMemory() throws -> AppDatabase {
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

    var reader: any DatabaseReader { writer }

    /// Copies everything from the WAL into the database file and empties the WAL (after an
    /// erasure, so no old copy of a row stays in it; after a bulk load, so a server starts clean).
    func checkpoint() throws {
        try writer.writeWithoutTransaction { db in
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
