import Foundation
import GRDB
import Testing

@testable import Bot

/// The database and the files beside it are for their owner only.
struct DatabaseFilesTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }

    @Test func aNewDatabaseAndItsWALAndSHMAreOwnerOnly() throws {
        // With the usual umask, SQLite alone makes all three readable by every local user.
        let previous = umask(0o022)
        defer { umask(previous) }
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("new.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', ?)", arguments: [Fixtures.start])
        }
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) missing")
            #expect(Self.mode(file) == 0o600, "\(file): \(String(Self.mode(file) ?? 0, radix: 8))")
        }
    }

    @Test func anExistingDatabaseReadableByOthersIsMadeOwnerOnly() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("old.sqlite").path
        // A database made before, in WAL mode, still open elsewhere: all three files readable by all.
        let earlier = try DatabaseQueue(path: path)
        try earlier.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        }
        for file in [path, path + "-wal", path + "-shm"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        _ = try AppDatabase.open(path: path)
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(Self.mode(file) == 0o600, "\(file): \(String(Self.mode(file) ?? 0, radix: 8))")
        }
        try earlier.close()
    }
}
