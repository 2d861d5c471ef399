import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The decoded-state cache never serves a state the database does not hold.
struct StateCacheTests {
    struct Rollback: Error {}

    @Test func aRolledBackTurnIsNotRememberedByTheCache() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        // "ja" is applied and then rolled back: the cache saw the new state, the database did not keep it.
        #expect(throws: Rollback.self) {
            try database.write { db in
                _ = try service.apply(Fixtures.message("ja", id: "SM2"), in: db)
                throw Rollback()
            }
        }
        let replies = try service.handle(Fixtures.message("ja", id: "SM2")).replies.map(\.text)
        // The same turn on a service that never cached anything.
        let fresh = try AppDatabase.inMemory()
        let control = try ConversationService(database: fresh, library: Fixtures.library)
        _ = try control.handle(Fixtures.message("hoi", id: "SM1"))
        #expect(replies == (try control.handle(Fixtures.message("ja", id: "SM2")).replies.map(\.text)))
        #expect(!replies.isEmpty)
    }

    @Test func anEntryIsUsedOnlyForTheJSONItWasMadeFromAndTheOldestGoes() throws {
        let engine = try #require(Fixtures.library.engine())
        let cache = StateCache(capacity: 2)
        let state = engine.newConversation()
        cache.store(state, json: "a", personID: 1, flowID: "f")
        #expect(cache.state(personID: 1, flowID: "f", json: "a") == state)
        #expect(cache.state(personID: 1, flowID: "f", json: "b") == nil)
        #expect(cache.state(personID: 1, flowID: "g", json: "a") == nil)
        cache.store(state, json: "c", personID: 2, flowID: "f")
        _ = cache.state(personID: 1, flowID: "f", json: "a")  // 1 is used more recently than 2
        cache.store(state, json: "d", personID: 3, flowID: "f")
        #expect(cache.state(personID: 2, flowID: "f", json: "c") == nil)
        #expect(cache.state(personID: 1, flowID: "f", json: "a") == state)
        #expect(cache.state(personID: 3, flowID: "f", json: "d") == state)
    }

    @Test func aSendersLatestConversationIsKnownUntilItsEntryGoes() throws {
        let engine = try #require(Fixtures.library.engine())
        let cache = StateCache(capacity: 2)
        let state = engine.newConversation()
        cache.remember(sender: "sms +31611111111", personID: 1, flowID: "f")  // nothing stored for it: not kept
        #expect(cache.latest(sender: "sms +31611111111") == nil)
        cache.store(state, json: "a", personID: 1, flowID: "f")
        cache.remember(sender: "sms +31611111111", personID: 1, flowID: "f")
        #expect(cache.latest(sender: "sms +31611111111")?.json == "a")
        cache.store(state, json: "b", personID: 1, flowID: "f")
        #expect(cache.latest(sender: "sms +31611111111")?.json == "b")
        #expect(cache.latest(sender: "sms +31622222222") == nil)
        cache.store(state, json: "c", personID: 2, flowID: "f")
        cache.store(state, json: "d", personID: 3, flowID: "f")  // person 1 is the oldest and goes
        #expect(cache.latest(sender: "sms +31611111111") == nil)
    }

    @Test func senderHintsStayBoundedWhenEveryMessageComesFromSomeoneNew() throws {
        let engine = try #require(Fixtures.library.engine())
        let cache = StateCache(capacity: 4)
        let state = engine.newConversation()
        for person in Int64(1)...1_000 {
            cache.store(state, json: "s\(person)", personID: person, flowID: "f")
            cache.remember(sender: "sms \(person)", personID: person, flowID: "f")
            #expect(cache.senderCount <= 2 * 4 + 1)
        }
        // The last four are still known; an evicted sender's hint is gone even if not pruned yet.
        #expect(cache.latest(sender: "sms 1000")?.json == "s1000")
        #expect(cache.latest(sender: "sms 997")?.json == "s997")
        #expect(cache.latest(sender: "sms 996") == nil)
        #expect(cache.latest(sender: "sms 1") == nil)
    }
}
