import Foundation
import GRDB
import Logging
import Synchronization
import Testing

@testable import Bot

/// `WALCheckpointer` copies the WAL into the database file beside the writer.
struct WALCheckpointerTests {
    /// A database on disk with a checkpointer and its connection.
    private static func checkpointedDatabase() throws -> (AppDatabase, WALCheckpointer, DatabaseQueue) {
        let database = try Fixtures.Storage.disk.open()
        let pool = try #require(database.writer as? DatabasePool)
        let checkpointer = WALCheckpointer(pool: pool, logger: Logger(label: "test"))
        return (database, checkpointer, try checkpointer.connection())
    }

    /// Some `count` pages of new rows, in one transaction.
    private static func writePages(_ database: AppDatabase, from first: Int, count: Int) throws {
        let name = String(repeating: "x", count: 3_000)
        try database.writer.write { db in
            for n in first..<(first + count) {
                try db.execute(
                    sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, ?, ?)",
                    arguments: ["+3161\(n)", name, Fixtures.start])
            }
        }
    }

    @Test func aRoundCopiesWhatTheWriterLeftAndTheWALStartsAnew() throws {
        let (database, checkpointer, own) = try Self.checkpointedDatabase()
        // Fewer pages than make the writer checkpoint itself: they are all still to copy.
        try Self.writePages(database, from: 0, count: 400)
        let first = try checkpointer.checkpoint(on: own)
        #expect(first.logFrames > 400)
        #expect(first.checkpointed == first.logFrames)
        // Everything was copied, so the writer's next write starts the WAL from its beginning.
        try database.writer.write { db in try db.execute(sql: "UPDATE person SET name = 'y' WHERE id = 1") }
        let second = try checkpointer.checkpoint(on: own)
        #expect(second.logFrames < 50)
        #expect(second.checkpointed == second.logFrames)
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") } == 400)
        #expect(try own.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test func theNextRoundComesSoonWhileTheWriterWritesAndLaterWhenItDoesNot() throws {
        let (database, checkpointer, own) = try Self.checkpointedDatabase()
        try Self.writePages(database, from: 0, count: 20)
        let first = try checkpointer.checkpoint(on: own)
        #expect(checkpointer.pause(after: first, last: nil) == checkpointer.busyPause)
        let quiet = try checkpointer.checkpoint(on: own)
        #expect(quiet == first)
        #expect(checkpointer.pause(after: quiet, last: first) == checkpointer.idlePause)
        try Self.writePages(database, from: 20, count: 5)
        let again = try checkpointer.checkpoint(on: own)
        #expect(again != quiet)
        #expect(checkpointer.pause(after: again, last: quiet) == checkpointer.busyPause)
        // A round that failed waits the longer pause, so an error is not logged 200 times a second.
        #expect(checkpointer.pause(after: nil, last: again) == checkpointer.idlePause)
        #expect(checkpointer.busyPause < checkpointer.idlePause)
    }

    @Test func aRoundWhileAReaderHoldsAnOldSnapshotCopiesWhatItMay() throws {
        let (database, checkpointer, own) = try Self.checkpointedDatabase()
        try Self.writePages(database, from: 0, count: 100)
        // A reader on a thread of its own keeps reading the state after the first write while more is written.
        let started = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let counts = Mutex<[Int]>([])
        let reader = Thread {
            try? database.writer.read { db in
                let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? -1
                started.signal()
                proceed.wait()
                let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? -1
                counts.withLock { $0 = [before, after] }
            }
            started.signal()
        }
        reader.start()
        started.wait()
        try Self.writePages(database, from: 100, count: 100)
        // PASSIVE does not wait for the reader: it copies only the frames the reader does not need.
        let round = try checkpointer.checkpoint(on: own)
        #expect(round.checkpointed < round.logFrames)
        proceed.signal()
        started.wait()
        #expect(counts.withLock { $0 } == [100, 100])
        let after = try checkpointer.checkpoint(on: own)
        #expect(after.checkpointed == after.logFrames)
    }
}
