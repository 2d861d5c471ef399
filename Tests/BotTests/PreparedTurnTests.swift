import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// A turn worked out ahead of the write transaction is used only for the state it started from.
struct PreparedTurnTests {
    struct Rollback: Error {}

    /// The prepared turn of `message`, with a marker reply in place of its own, so a test sees whether it was used.
    static func marked(_ service: ConversationService, _ message: InboundMessage) throws -> PreparedTurn {
        let prepared = try #require(service.prepare(message))
        var transition = prepared.transition
        transition.outputs = [.say(key: "test.marker", text: "MARKER")]
        return PreparedTurn(
            personID: prepared.personID, flowID: prepared.flowID, base: prepared.base,
            transition: transition, json: prepared.json)
    }

    static func apply(_ message: InboundMessage, _ prepared: PreparedTurn, on service: ConversationService) throws -> [String] {
        try service.database.write { db in try service.apply(message, in: db, prepared: prepared) }.replies.map(\.text)
    }

    /// The replies a service that never prepared anything gives to the last of `messages`.
    static func control(_ messages: [InboundMessage]) throws -> [String] {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        var replies: [String] = []
        for message in messages { replies = try service.handle(message).replies.map(\.text) }
        return replies
    }

    @Test func aTurnPreparedFromTheStoredStateIsUsed() throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        let message = Fixtures.message("ja", id: "SM2")
        // Unmarked, it is the turn the writer would work out itself.
        #expect(service.prepare(message)?.transition.messages == (try Self.control([Fixtures.message("hoi", id: "SM1"), message])))
        let prepared = try Self.marked(service, message)
        #expect(try Self.apply(message, prepared, on: service) == ["MARKER"])
        let stored = try service.database.read { db in
            try ConversationStore.storedJSON(personID: prepared.personID, flowID: prepared.flowID, in: db)
        }
        #expect(stored == prepared.json)
    }

    @Test func aTurnPreparedFromAnOlderStateIsWorkedOutAgain() throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        // Prepared from the state after "hoi"; "ja" is committed first, so it started from a state that is gone.
        let late = Fixtures.message("1 en 2", id: "SM3")
        let stale = try Self.marked(service, late)
        _ = try service.handle(Fixtures.message("ja", id: "SM2"))
        let replies = try Self.apply(late, stale, on: service)
        #expect(!replies.contains("MARKER"))
        #expect(!replies.isEmpty)
        #expect(replies == (try Self.control([Fixtures.message("hoi", id: "SM1"), Fixtures.message("ja", id: "SM2"), late])))
    }

    @Test func aTurnPreparedFromARolledBackStateIsWorkedOutAgain() throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        // "ja" is applied and rolled back: the memory saw its state, the database did not keep it.
        #expect(throws: Rollback.self) {
            try service.database.write { db in
                _ = try service.apply(Fixtures.message("ja", id: "SM2"), in: db)
                throw Rollback()
            }
        }
        let again = Fixtures.message("ja", id: "SM2")
        let replies = try Self.apply(again, try Self.marked(service, again), on: service)
        #expect(!replies.contains("MARKER"))
        #expect(replies == (try Self.control([Fixtures.message("hoi", id: "SM1"), again])))
    }

    @Test func aTurnPreparedForAnotherPersonOrFlowIsNotUsed() throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "A1", phone: "+31611111111"))
        _ = try service.handle(Fixtures.message("hoi", id: "B1", phone: "+31622222222"))
        // Both at the same question with the same stored state, but the turn is A's.
        let prepared = try Self.marked(service, Fixtures.message("ja", id: "A2", phone: "+31611111111"))
        #expect(!(try Self.apply(Fixtures.message("ja", id: "B2", phone: "+31622222222"), prepared, on: service)).contains("MARKER"))
        // A's next message belongs to another flow now (a follow-up started by the scheduler).
        let other = try #require(service.engines.keys.first { $0 != service.engine.flow.id })
        try service.database.write { db in
            try db.execute(sql: "UPDATE person SET activeFlow = ? WHERE id = ?", arguments: [other, prepared.personID])
        }
        #expect(!(try Self.apply(Fixtures.message("ja", id: "A2", phone: "+31611111111"), prepared, on: service)).contains("MARKER"))
    }

    @Test func nothingIsPreparedForASenderNotSeenYet() throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        #expect(service.prepare(Fixtures.message("hoi", id: "SM1")) == nil)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        #expect(service.prepare(Fixtures.message("ja", id: "SM2")) != nil)
        #expect(service.prepare(Fixtures.message("ja", id: "SM2", phone: "+31699999999")) == nil)
    }

    /// A sender whose state is not in memory (another server process, or a caseload larger than
    /// the cache) gets a turn worked out from the state read from the database, and it is used.
    @Test func aTurnIsPreparedFromTheDatabaseWhenTheStateIsNotInMemory() async throws {
        let database = try AppDatabase.inMemory()
        _ = try ConversationService(database: database, library: Fixtures.library).handle(Fixtures.message("hoi", id: "SM1"))
        let service = try ConversationService(database: database, library: Fixtures.library)
        let message = Fixtures.message("ja", id: "SM2")
        #expect(service.prepare(message) == nil)
        let prepared = try #require(await service.prepareFromStore(message))
        #expect(prepared.transition.messages == (try Self.control([Fixtures.message("hoi", id: "SM1"), message])))
        let stored = try await database.read { db in
            try ConversationStore.storedJSON(personID: prepared.personID, flowID: prepared.flowID, in: db)
        }
        #expect(prepared.base == stored)
        var marked = prepared.transition
        marked.outputs = [.say(key: "test.marker", text: "MARKER")]
        let markedTurn = PreparedTurn(
            personID: prepared.personID, flowID: prepared.flowID, base: prepared.base, transition: marked, json: prepared.json)
        #expect(try Self.apply(message, markedTurn, on: service) == ["MARKER"])
        // Nobody stored for this sender: nothing to prepare, the writer starts the conversation.
        #expect(await service.prepareFromStore(Fixtures.message("hoi", id: "SM3", phone: "+31699999999")) == nil)
    }
}
