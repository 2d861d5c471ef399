import Dialog
import Foundation
import Testing

@testable import Bot

/// The engines of their own that turns are worked out with beside the writer.
struct EnginePoolTests {
    static let shared = EnginePool.engines(of: Fixtures.library)

    @Test func turnsAtTheSameTimeGetSetsOfTheirOwnThenTheSharedOne() throws {
        let pool = EnginePool(shared: Self.shared, libraries: [Fixtures.loadLibrary(), Fixtures.loadLibrary()])
        let main = FlowLibrary.mainFlowID
        let shared = try #require(Self.shared[main])
        let taken = pool.withEngine(main) { first in
            pool.withEngine(main) { second in
                pool.withEngine(main) { third in [first, second, third].compactMap { $0 } }
            }
        }
        #expect(taken.count == 3)
        #expect(taken[0] !== taken[1])
        #expect(taken[0] !== shared && taken[1] !== shared)
        // Both sets in use: the third turn works with the shared engine rather than wait.
        #expect(taken[2] === shared)
        // Given back: the next turn has a set again.
        #expect(pool.withEngine(main) { $0 } !== shared)
    }

    @Test func anUnknownFlowHasNoEngine() {
        let pool = EnginePool(shared: Self.shared, libraries: [Fixtures.loadLibrary()])
        #expect(pool.withEngine("no-such-flow") { $0 } == nil)
    }

    @Test func withoutSetsEveryTurnUsesTheSharedEngine() throws {
        let pool = EnginePool(shared: Self.shared, libraries: [])
        let shared = try #require(Self.shared["netwerk"])
        #expect(pool.withEngine("netwerk") { $0 } === shared)
    }

    @Test func aServiceWithSetsPreparesTheSameTurnAsOneWithout() throws {
        let pooled = try ConversationService(
            database: try AppDatabase.inMemory(), library: Fixtures.library, preparerLibraries: [Fixtures.loadLibrary()])
        let plain = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        for (index, text) in Fixtures.intake.prefix(12).enumerated() {
            let message = Fixtures.message(text, id: "SM\(index)")
            if index > 0 {
                let a = try #require(pooled.prepare(message))
                let b = try #require(plain.prepare(message))
                #expect(a.json == b.json)
                #expect(a.transition.messages == b.transition.messages)
            }
            #expect(try pooled.handle(message).replies.map(\.text) == plain.handle(message).replies.map(\.text))
        }
    }
}
