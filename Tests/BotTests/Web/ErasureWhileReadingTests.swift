import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Bot

/// An erasure while another connection holds a read (a backup, a slow export, `sqlite3` on the
/// file) is reported as in progress, and is finished, with nothing left in the files, once the
/// reader lets go.
struct ErasureWhileReadingTests {
    /// A connection of its own that holds one read transaction open until `release`.
    final class Reader: @unchecked Sendable {
        private let started = DispatchSemaphore(value: 0)
        private let proceed = DispatchSemaphore(value: 0)
        private let ended = DispatchSemaphore(value: 0)

        init(path: String) throws {
            let queue = try DatabaseQueue(path: path)
            Thread { [self] in
                try? queue.read { db in
                    _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person")
                    started.signal()
                    proceed.wait()
                }
                ended.signal()
            }.start()
            started.wait()
        }

        func release() {
            proceed.signal()
            ended.wait()
        }
    }

    static func bytes(_ path: String) throws -> Data {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes += wal }
        return bytes
    }

    @Test func anErasureDuringAnOpenReadIsInProgressAndFinishesWhenTheReaderEnds() async throws {
        let fixture = try WebFixture.make(.disk)
        let path = try await fixture.database.read { db in
            try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'")!
        }
        let id = fixture.annaInwoner
        let answer = "Een huis zonder schimmel"
        // Everything in the database file itself, as after a long quiet spell.
        try fixture.database.checkpoint()
        #expect(try Self.bytes(path).range(of: Data(WebFixture.phone.utf8)) != nil)
        #expect(try Self.bytes(path).range(of: Data(answer.utf8)) != nil)

        let reader = try Reader(path: path)
        try await fixture.app().test(.live) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let response = try await anna.post("/inwoners/\(id)/wissen", [("bevestig", "WISSEN")])
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("Wordt gewist"))
            #expect(page.contains("nog niet klaar"))
            #expect(!page.contains("zijn gewist"))
            #expect(try fixture.count("person WHERE id = \(id)") == 0)
            #expect(try fixture.count("erasurePending WHERE personId = \(id)") == 1)
            #expect(try fixture.count("audit WHERE event = 'wissen voltooid'") == 0)
            // The old copy is still on disk while the reader holds on: what the page says is true.
            #expect(try Self.bytes(path).range(of: Data(WebFixture.phone.utf8)) != nil)

            reader.release()
            // The server's background finishes it (`ErasureFinisher`, every second).
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline, try fixture.count("audit WHERE event = 'wissen voltooid' AND personId = \(id)") == 0 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(try fixture.count("audit WHERE event = 'wissen voltooid' AND personId = \(id)") == 1)
        #expect(try fixture.count("erasurePending") == 0)
        let bytes = try Self.bytes(path)
        for text in [WebFixture.phone, String(WebFixture.phone.dropFirst()), answer] {
            #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) still in the database or its WAL")
        }
        #expect(try await fixture.database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test func finishingWithoutAReaderIsDoneAtOnceAndAuditedByIDOnly() async throws {
        let database = try Fixtures.Storage.disk.open()
        let id = try await database.write { db -> Int64 in
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', '+31611112222', 'Noor', ?)",
                arguments: [Fixtures.start])
            let id = try db.lastInsertedRowID
            try Erasure.erase(personID: id, at: Fixtures.start, in: db)
            return id
        }
        #expect(try await Erasure.finish(database, clock: .fixed(Fixtures.start)) == .done)
        #expect(try await Erasure.finish(database, clock: .fixed(Fixtures.start)) == .done)
        let audit = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM audit") }
        #expect(audit.count == 1)
        #expect((audit.first?["personId"] as Int64?) == id)
        #expect((audit.first?["event"] as String?) == "wissen voltooid")
    }
}
