import Foundation
import GRDB

/// Group commit for inbound messages. Messages that arrive while a commit is running are applied
/// together in the next write transaction (a message that fails rolls back only itself, see
/// `commit`), and each sender is answered only after that transaction has committed. With
/// `synchronous=FULL` one fsync then serves many inwoners instead of one.
actor InboundBatcher {
    struct Item: Sendable {
        let message: InboundMessage
        /// The replies travel in the HTTP response: stored as sent in the same transaction.
        let inline: Bool
        /// The turn worked out ahead, when the sender's last state was in memory.
        var prepared: PreparedTurn? = nil
    }

    /// Why one message of a batch was not applied.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
        /// SQLite stayed busy (another process holds the write lock): worth a retry later.
        let busy: Bool
    }

    enum Outcome: Sendable {
        case applied(ConversationService.Result)
        case failed(Failure)
    }

    private let service: ConversationService
    private let maxBatch: Int
    private var queue: [(Item, CheckedContinuation<ConversationService.Result, any Error>)] = []
    private var draining = false

    init(service: ConversationService, maxBatch: Int = 64) {
        self.service = service
        self.maxBatch = maxBatch
    }

    /// Works the turn out on the caller's task (outside the actor and the writer), from the state in
    /// memory or else from the database, then queues it.
    nonisolated func apply(_ message: InboundMessage, inline: Bool) async throws -> ConversationService.Result {
        let prepared = if let cached = service.prepare(message) { cached } else { await service.prepareFromStore(message) }
        let item = Item(message: message, inline: inline, prepared: prepared)
        return try await enqueue(item)
    }

    private func enqueue(_ item: Item) async throws -> ConversationService.Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((item, continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            let outcomes = await Self.commit(batch.map(\.0), service: service)
            for ((_, continuation), outcome) in zip(batch, outcomes) {
                switch outcome {
                case .applied(let result): continuation.resume(returning: result)
                case .failed(let failure): continuation.resume(throwing: failure)
                }
            }
        }
        draining = false
    }

    /// One write transaction for the whole batch; the outcomes only count once it has committed.
    /// The batch is first applied under one savepoint: almost always every message applies, and a
    /// savepoint per message (two statements each) was a twentieth of the writer's time. When one
    /// fails, that savepoint rolls back the whole batch, and it goes again with a savepoint per
    /// message, so only the failing one is left out.
    static func commit(_ items: [Item], service: ConversationService) async -> [Outcome] {
        do {
            return try await service.database.writer.write { db in
                if let results = try together(items, service: service, in: db) { return results.map(Outcome.applied) }
                return items.map { one($0, service: service, in: db) }
            }
        } catch {
            return items.map { _ in .failed(failure(error)) }
        }
    }

    /// Every message of the batch applied, or nil and nothing kept.
    private static func together(_ items: [Item], service: ConversationService, in db: Database) throws -> [ConversationService.Result]? {
        var results: [ConversationService.Result] = []
        try db.inSavepoint {
            do {
                for item in items { results.append(try apply(item, service: service, in: db)) }
                return .commit
            } catch {
                results = []
                return .rollback
            }
        }
        return results.isEmpty ? nil : results
    }

    /// One message in its own savepoint: if it fails, only its own writes are undone.
    private static func one(_ item: Item, service: ConversationService, in db: Database) -> Outcome {
        do {
            var result: ConversationService.Result?
            try db.inSavepoint {
                result = try apply(item, service: service, in: db)
                return .commit
            }
            return result.map(Outcome.applied) ?? .failed(Failure(description: "not applied", busy: false))
        } catch {
            return .failed(failure(error))
        }
    }

    static func apply(_ item: Item, service: ConversationService, in db: Database) throws -> ConversationService.Result {
        try service.apply(item.message, in: db, inline: item.inline, prepared: item.prepared)
    }

    private static func failure(_ error: any Error) -> Failure {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return Failure(description: "the database is busy", busy: true)
        }
        return Failure(description: "\(error)", busy: false)
    }
}
