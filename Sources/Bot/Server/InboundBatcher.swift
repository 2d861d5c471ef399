import Foundation
import GRDB
import Synchronization

/// Group commit for inbound messages. Messages that arrive while a commit is running are applied
/// together in the next write transaction (a message that fails rolls back only itself, see
/// `commit`), and each sender is answered only after that transaction has committed. With
/// `synchronous=FULL` one fsync then serves many inwoners instead of one.
///
/// The batches are taken one after the other on the database's writer queue itself: going back to
/// a task between two commits left the writer idle until a busy thread of the pool picked that
/// task up. After a short while it lets other writers (the outbox, the scheduler) in.
///
/// SQLite has one writer. PostgreSQL takes several transactions at once, and one batch spends
/// most of its time waiting for answers over the network, so there `writers` batches commit at
/// the same time, each on a connection of its own (`AppDatabase.concurrentWriters`). A sender's
/// next message waits while a batch with one of theirs is committing, so one sender's messages
/// are still applied in the order they came.
package final class InboundBatcher: Sendable {
    package struct Item: Sendable {
        let message: InboundMessage
        /// The replies travel in the HTTP response: stored as sent in the same transaction.
        let inline: Bool
        /// The turn worked out ahead, when the sender's last state was in memory.
        var prepared: PreparedTurn? = nil

        package init(message: InboundMessage, inline: Bool, prepared: PreparedTurn? = nil) {
            self.message = message
            self.inline = inline
            self.prepared = prepared
        }
    }

    /// Why one message of a batch was not applied.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package let description: String
        /// SQLite stayed busy (another process holds the write lock): worth a retry later.
        let busy: Bool
    }

    package enum Outcome: Sendable {
        case applied(ConversationService.Result)
        case failed(Failure)
    }

    private typealias Waiting = (item: Item, continuation: CheckedContinuation<ConversationService.Result, any Error>)

    private struct Queue {
        var waiting: [Waiting] = []
        /// The drains running now: at most `writers`.
        var draining = 0
        /// The senders of the batches committing now.
        var committing: Set<Sender> = []
    }

    /// Who a message comes from, for its place in line.
    private struct Sender: Hashable {
        let channel: String
        let address: String
        let personID: Int64?

        init(_ message: InboundMessage) {
            channel = message.channel
            address = message.address
            personID = message.personID
        }
    }

    private let service: ConversationService
    private let maxBatch: Int
    private let writers: Int
    /// How long one turn on the writer queue may go on taking batches.
    private let turnLength: Duration
    private let queue = Mutex(Queue())
    /// Told after each batch: its size and how long its transaction took.
    private let onBatch: (@Sendable (Int, Duration) -> Void)?

    init(
        service: ConversationService, maxBatch: Int = 64, writers: Int = 1, turnLength: Duration = .milliseconds(50),
        onBatch: (@Sendable (Int, Duration) -> Void)? = nil
    ) {
        self.service = service
        self.maxBatch = maxBatch
        self.writers = max(1, writers)
        self.turnLength = turnLength
        self.onBatch = onBatch
    }

    /// Works the turn out on the caller's task (outside the writer), from the state in memory or
    /// else from the database, then waits for the commit of the batch it joins.
    func apply(_ message: InboundMessage, inline: Bool) async throws -> ConversationService.Result {
        let prepared = if let cached = service.prepare(message) { cached } else { await service.prepareFromStore(message) }
        let item = Item(message: message, inline: inline, prepared: prepared)
        return try await withCheckedThrowingContinuation { continuation in
            let start = queue.withLock { queue in
                queue.waiting.append((item, continuation))
                guard queue.draining < writers else { return false }
                queue.draining += 1
                return true
            }
            if start { Task { await drain() } }
        }
    }

    /// Takes the next batch: the first waiting messages whose senders have none in a batch that is
    /// committing now. With none such, this drain ends (under the same lock as `apply` adds, so a
    /// message added just then starts a new drain; one held back for its sender is taken by the
    /// drain that commits that sender's batch, which asks again when it is done).
    private func nextBatch() -> [Waiting]? {
        queue.withLock { queue in
            var batch: [Waiting] = []
            var rest: [Waiting] = []
            for waiting in queue.waiting {
                if batch.count < maxBatch, !queue.committing.contains(Sender(waiting.item.message)) {
                    batch.append(waiting)
                } else {
                    rest.append(waiting)
                }
            }
            guard !batch.isEmpty else {
                queue.draining -= 1
                return nil
            }
            queue.waiting = rest
            for waiting in batch { queue.committing.insert(Sender(waiting.item.message)) }
            return batch
        }
    }

    /// The batch has committed (or failed): its senders' next messages may go.
    private func finished(_ batch: [Waiting]) {
        queue.withLock { queue in
            for waiting in batch { queue.committing.remove(Sender(waiting.item.message)) }
        }
    }

    private func drain() async {
        var more = true
        while more {
            do {
                more = try await service.database.writeWithoutTransaction { db in
                    let until = ContinuousClock.now + self.turnLength
                    repeat {
                        guard let batch = self.nextBatch() else { return false }
                        let started = ContinuousClock.now
                        let outcomes = Self.commit(batch.map(\.item), service: self.service, in: db)
                        self.onBatch?(batch.count, ContinuousClock.now - started)
                        self.finished(batch)
                        for (waiting, outcome) in zip(batch, outcomes) {
                            switch outcome {
                            case .applied(let result): waiting.continuation.resume(returning: result)
                            case .failed(let failure): waiting.continuation.resume(throwing: failure)
                            }
                        }
                    } while ContinuousClock.now < until
                    return true
                }
            } catch {
                // The writer could not be reached at all: whatever waits now fails, and may be retried.
                while let batch = nextBatch() {
                    finished(batch)
                    for waiting in batch { waiting.continuation.resume(throwing: Self.failure(error)) }
                }
                more = false
            }
        }
    }

    /// One write transaction for the whole batch; the outcomes only count once it has committed.
    /// The batch is first applied as it is: almost always every message applies. When one fails,
    /// that transaction is rolled back and the batch goes again with a savepoint per message, so
    /// only the failing one is left out. Not a savepoint around the first try: SQLite keeps the
    /// old content of every page a savepoint changes in a temporary file, so at a million inwoners
    /// (a dozen pages of their own per message) that file took as many writes as the WAL.
    package static func commit(_ items: [Item], service: ConversationService, in db: any SQLConnection) -> [Outcome] {
        do {
            var results: [ConversationService.Result] = []
            var failure: (any Error)?
            try db.inTransaction {
                do {
                    for item in items { results.append(try apply(item, service: service, in: db)) }
                    return .commit
                } catch {
                    failure = error
                    return .rollback
                }
            }
            guard let failure else { return results.map(Outcome.applied) }
            if items.count == 1 { return [.failed(Self.failure(failure))] }
            var outcomes: [Outcome] = []
            try db.inTransaction {
                outcomes = items.map { one($0, service: service, in: db) }
                return .commit
            }
            return outcomes
        } catch {
            return items.map { _ in .failed(failure(error)) }
        }
    }

    /// The same in a write of its own.
    static func commit(_ items: [Item], service: ConversationService) async -> [Outcome] {
        do {
            return try await service.database.writeWithoutTransaction { db in commit(items, service: service, in: db) }
        } catch {
            return items.map { _ in .failed(failure(error)) }
        }
    }

    /// One message in its own savepoint: if it fails, only its own writes are undone.
    private static func one(_ item: Item, service: ConversationService, in db: any SQLConnection) -> Outcome {
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

    static func apply(_ item: Item, service: ConversationService, in db: any SQLConnection) throws -> ConversationService.Result {
        try service.apply(item.message, in: db, inline: item.inline, prepared: item.prepared)
    }

    fileprivate static func failure(_ error: any Error) -> Failure {
        if StoreFailure.isTransient(error) {
            return Failure(description: "the database is busy", busy: true)
        }
        return Failure(description: "\(error)", busy: false)
    }
}
