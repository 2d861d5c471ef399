import Foundation
import GRDB
import Synchronization
import Testing

@testable import Bot

/// Group commit: many inwoners' messages in one transaction, each applied once, each on its own.
struct InboundBatcherTests {
    /// A database where +31611111111's conversation was stored by a newer version of the program:
    /// it cannot be read, so their message fails.
    static func withUnreadableConversation() async throws -> (AppDatabase, ConversationService) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31611111111', ?)", arguments: [Fixtures.start])
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', '+31611111111')")
            try db.execute(
                sql: """
                    INSERT INTO conversation (personId, flowId, flowVersion, state, stateVersion, updatedAt)
                    VALUES (1, 'levenskracht', 1, '{"stateVersion": 999}', 999, ?)
                    """, arguments: [Fixtures.start])
        }
        return (database, service)
    }

    @Test(arguments: Fixtures.Storage.allCases)
    func concurrentMessagesAreEachAppliedExactlyOnce(_ storage: Fixtures.Storage) async throws {
        let database = try storage.open()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let batches = Mutex<[Int]>([])
        let batcher = InboundBatcher(
            service: service, maxBatch: 8,
            onBatch: { size, took in
                #expect(took >= .zero)
                batches.withLock { $0.append(size) }
            })
        let phones = (0..<40).map { String(format: "+316200%05d", $0) }
        // Every inwoner sends three messages in order; all inwoners at once; the first one twice (a redelivery).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for phone in phones {
                group.addTask {
                    for (n, text) in ["hoi", "ja", "1 en 2"].enumerated() {
                        _ = try await batcher.apply(Fixtures.message(text, id: "\(phone)-\(n)", phone: phone), inline: true)
                    }
                    let again = try await batcher.apply(Fixtures.message("hoi", id: "\(phone)-0", phone: phone), inline: true)
                    #expect(again.isDuplicate)
                }
            }
            try await group.waitForAll()
        }
        let (inbound, persons, pending) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            )
        }
        #expect(inbound == 120)
        #expect(persons == 40)
        // Every message went through one reported batch (the redeliveries too), none larger than allowed.
        let sizes = batches.withLock { $0 }
        #expect(sizes.reduce(0, +) == 160)
        #expect(sizes.allSatisfy { (1...8).contains($0) })
        #expect(pending == 0)  // inline replies are stored as sent in their own transaction
        let unsent = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status != 'sent' OR sentAt IS NULL OR attempts != 1")
        }
        #expect(unsent == 0)
        // Every conversation is where three answers put it.
        let answers = try await database.read { db in
            try Int.fetchAll(db, sql: "SELECT COUNT(*) FROM answer GROUP BY personId")
        }
        #expect(Set(answers).count == 1)
    }

    /// Under a steady stream of messages the batcher keeps the writer only for a short while at a
    /// time: another write (the outbox, the scheduler) gets in before the stream ends.
    @Test func otherWritersGetInWhileMessagesKeepComing() async throws {
        let database = try Fixtures.Storage.disk.open()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let batcher = InboundBatcher(service: service, maxBatch: 4, turnLength: .milliseconds(5))
        let phones = (0..<16).map { String(format: "+316300%05d", $0) }
        let texts = ["hoi", "ja", "1 en 2", "7", "8", "6", "5", "4", "3", "2"]
        let total = phones.count * texts.count
        async let stream: Void = withThrowingTaskGroup(of: Void.self) { group in
            for phone in phones {
                group.addTask {
                    for (n, text) in texts.enumerated() {
                        _ = try await batcher.apply(Fixtures.message(text, id: "\(phone)-\(n)", phone: phone), inline: true)
                    }
                }
            }
            try await group.waitForAll()
        }
        // Once the stream is under way, another writer asks for the database.
        while try await database.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") ?? 0 }
        ) < 10 {
            try await Task.sleep(for: .milliseconds(1))
        }
        let seenByOtherWriter = try await database.write { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") ?? 0
        }
        try await stream
        let stored = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'")
        }
        #expect(stored == total)
        #expect(seenByOtherWriter < total, "the other write waited for the whole stream")
    }

    @Test func aMessageThatFailsRollsBackOnlyItself() async throws {
        let (database, service) = try await Self.withUnreadableConversation()
        let items = ["+31622222222", "+31611111111", "+31633333333"].enumerated().map { n, phone in
            InboundBatcher.Item(message: Fixtures.message("hoi", id: "SM\(n)", phone: phone), inline: false)
        }
        let outcomes = await InboundBatcher.commit(items, service: service)
        #expect(outcomes.count == 3)
        guard case .applied = outcomes[0], case .failed(let failure) = outcomes[1], case .applied = outcomes[2] else {
            Issue.record("expected applied, failed, applied: \(outcomes)")
            return
        }
        #expect(!failure.busy)
        let stored = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT providerId FROM message WHERE direction = 'in' ORDER BY id")
        }
        #expect(stored == ["SM0", "SM2"])
        // Not inline: the replies wait for the dispatcher.
        let statuses = try await database.read { db in try String.fetchSet(db, sql: "SELECT status FROM outbox") }
        #expect(statuses == ["pending"])
        // The batch was applied together first, then rolled back and applied one by one: nothing of
        // the first try is left over (each reply stored once, each conversation one step on).
        let replied = outcomes.reduce(0) { count, outcome in
            if case .applied(let result) = outcome { count + result.replies.count } else { count }
        }
        let (outbound, outboxRows, conversations) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'out'") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversation WHERE stateVersion != 999") ?? -1
            )
        }
        #expect(replied > 0)
        #expect(outbound == replied)
        #expect(outboxRows == replied)
        #expect(conversations == 2)
    }

    @Test func aLoneMessageThatFailsLeavesNothing() async throws {
        let (database, service) = try await Self.withUnreadableConversation()
        let outcomes = await InboundBatcher.commit(
            [InboundBatcher.Item(message: Fixtures.message("hoi", id: "SM1", phone: "+31611111111"), inline: false)],
            service: service)
        guard outcomes.count == 1, case .failed(let failure) = outcomes[0] else {
            Issue.record("expected one failure: \(outcomes)")
            return
        }
        #expect(!failure.busy)
        let (messages, outboxRows, lastInbound) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? -1,
                try Date?.fetchOne(db, sql: "SELECT lastInboundAt FROM contact") ?? nil
            )
        }
        #expect(messages == 0)
        #expect(outboxRows == 0)
        #expect(lastInbound == nil)
    }

    @Test func aBatchWithoutFailuresIsAppliedOnce() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let items = (0..<5).map { n in
            InboundBatcher.Item(message: Fixtures.message("hoi", id: "SM\(n)", phone: "+3161000000\(n)"), inline: true)
        }
        let outcomes = await InboundBatcher.commit(items, service: service)
        let replied = outcomes.reduce(0) { count, outcome in
            if case .applied(let result) = outcome { count + result.replies.count } else { count - 1_000 }
        }
        let (inbound, outbound, outboxRows) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'out'") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? -1
            )
        }
        #expect(replied >= 5)
        #expect(inbound == 5)
        #expect(outbound == replied)
        // Inline replies travel in the HTTP response: no outbox rows.
        #expect(outboxRows == 0)
    }
}
