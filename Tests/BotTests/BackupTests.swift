import Foundation
import GRDB
import Synchronization
import Testing

@testable import Bot

/// `wegwijzer backup` while another process writes: a copy of one moment, owner-only, never over a file.
@Suite(.serialized)
struct BackupTests {
    /// Each transaction adds a person, their contact and a message: a copy of one moment has as many of each.
    static func write(_ database: AppDatabase, _ n: Int) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, 'Sam', ?)",
                arguments: [String(format: "+3162%07d", n), Fixtures.start])
            let id = try db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO contact (personId, channel, address) VALUES (?, 'sms', ?)",
                arguments: [id, String(format: "+3162%07d", n)])
            try db.execute(
                sql: "INSERT INTO message (personId, direction, channel, text, createdAt) VALUES (?, 'in', 'sms', ?, ?)",
                arguments: [id, String(repeating: "bericht ", count: 40), Fixtures.start])
        }
    }

    @Test func aBackupDuringWritesIsOneMomentOwnerOnlyAndSound() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("live.sqlite").path
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let database = try AppDatabase.open(path: path)
        for n in 0..<200 { try Self.write(database, n) }
        // The chat that `export` reads below.
        _ = try BinaryRunner.run(["chat", "--db", path, "--phone", "0612345678"], input: "hoi\n")
        let stop = Atomic<Bool>(false)
        let written = Atomic<Int>(0)
        let writer = Thread {
            var n = 200
            while !stop.load(ordering: .relaxed) {
                try? Self.write(database, n)
                n += 1
                written.store(n, ordering: .relaxed)
            }
        }
        writer.start()
        while written.load(ordering: .relaxed) < 400 { usleep(1_000) }
        let result = try BinaryRunner.run(["backup", "--db", path, copy])
        let writtenAfter = written.load(ordering: .relaxed)
        stop.store(true, ordering: .relaxed)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("integrity_check ok"))
        #expect(DatabaseFilesTests.mode(copy) == 0o600)

        let queue = try DatabaseQueue(path: copy)
        let (people, contacts, messages, check) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person WHERE name = 'Sam'")!,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact WHERE address LIKE '+3162%'")!,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE text LIKE 'bericht%'")!,
                try String.fetchOne(db, sql: "PRAGMA integrity_check")
            )
        }
        try queue.close()
        #expect(check == "ok")
        // Every transaction wholly or not at all, and the writes went on during the copy.
        #expect(people == contacts)
        #expect(people == messages)
        #expect(people >= 400)
        #expect(people <= writtenAfter)
        // The copy is a database the commands open.
        let export = try BinaryRunner.run(["export", "--db", copy, "--phone", "0612345678"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("\"messages\""))
        #expect(try BinaryRunner.run(["plan", "--db", copy, "--phone", "0612345678"]).status == 0)
    }

    @Test func aBackupNeverOverwritesAFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("live.sqlite").path
        let existing = dir.appendingPathComponent("there.sqlite")
        try Self.write(try AppDatabase.open(path: path), 1)
        try Data("keep me".utf8).write(to: existing)
        let result = try BinaryRunner.run(["backup", "--db", path, existing.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("exists already"))
        #expect(try Data(contentsOf: existing) == Data("keep me".utf8))
        // And the store operation refuses it too, when the file appears after the command's own check.
        let database = try AppDatabase.open(path: path)
        #expect(throws: DatabaseFiles.Failure.self) { _ = try database.backup(to: existing.path) }
        #expect(try Data(contentsOf: existing) == Data("keep me".utf8))
    }
}
