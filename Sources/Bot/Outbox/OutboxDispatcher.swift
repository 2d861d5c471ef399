import CoreMetrics
import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Sends what the outbox holds, after the transaction that queued it has committed: claims due
/// messages, sends each through its channel's sender, records the result, retries with backoff.
struct OutboxDispatcher: Service {
    let database: AppDatabase
    let senders: [String: any MessageSender]
    let policy: DispatchPolicy
    let clock: WallClock
    let metrics: ServerMetrics?
    let logger: Logger
    /// How many people's messages go out at once.
    var concurrency = 8

    /// One round: returns how many messages were attempted. Tests drive this directly.
    @discardableResult
    func tick() async throws -> Int {
        let now = clock.now()
        let claimed = try await database.write { db in
            try OutboxStore.claim(channels: Array(senders.keys).sorted(), now: now, lease: policy.lease, limit: concurrency, in: db)
        }
        await withTaskGroup(of: Void.self) { group in
            for item in claimed {
                group.addTask { await deliver(item) }
            }
        }
        if let metrics {
            metrics.outboxDepth.record(try await database.read { db in try OutboxStore.depth(in: db) })
        }
        return claimed.count
    }

    private func deliver(_ item: OutboxStore.Claimed) async {
        guard let sender = senders[item.message.channel] else { return }
        let context = SendContext(
            lastInboundAt: item.lastInboundAt, now: clock.now(),
            idempotencyKey: "wegwijzer-outbox-\(item.message.outboxID)")
        let result: SendResult
        if let since = item.inDoubtSince, let providerID = await wentOutUnrecorded(item, sender: sender, since: since) {
            logger.notice(
                "an interrupted send had gone out: recorded, not sent again",
                metadata: ["outbox": "\(item.message.outboxID)"])
            result = .sent(providerID: providerID)
        } else {
            result = await sender.send(item.message, context: context)
        }
        // A send cut off by the shutdown records nothing: its row stays leased and goes again when
        // the lease ends, as after a crash (with the same look-up first, in case it went out).
        if Task.isCancelled, case .retry = result {
            logger.notice("send interrupted by the shutdown: sent again after the lease", metadata: ["outbox": "\(item.message.outboxID)"])
            return
        }
        do {
            // Recorded even when the shutdown cancels this task meanwhile: a result that went
            // unrecorded would send the message again.
            let optedOut = try await Task { try await recordWithRetries(result, for: item) }.value
            switch result {
            case .sent: metrics?.messagesOut(item.message.channel).increment()
            default: metrics?.sendFailures(item.message.channel).increment()
            }
            if optedOut { logger.notice("person opted out at the provider", metadata: ["person": "\(item.message.personID)"]) }
            if case .permanent(let reason) = result {
                logger.warning("message not sent", metadata: ["outbox": "\(item.message.outboxID)", "reason": "\(reason)"])
            }
        } catch {
            // The lease runs out and the message is tried again: at least once, never lost.
            logger.error("could not record a send result", metadata: ["outbox": "\(item.message.outboxID)", "error": "\(error)"])
        }
    }

    /// The provider's id for an earlier attempt at this message that went out but was never
    /// recorded: one the provider accepted for the same address and text, that no outbox row has
    /// as its own. Only one message per person is out at a time, so that can only be this one.
    /// Nil when there is none, or the provider cannot say (then the message is sent: at least once).
    private func wentOutUnrecorded(_ item: OutboxStore.Claimed, sender: any MessageSender, since: Date) async -> String? {
        guard let candidates = await sender.accepted(item.message, since: since), !candidates.isEmpty else { return nil }
        return try? await database.read { db in
            try OutboxStore.firstUnrecorded(candidates, channel: item.message.channel, in: db)
        }
    }

    /// A message that went out must be recorded, or it goes out again when its lease runs out. A
    /// busy database (another process holding the write lock past the busy timeout) is waited out
    /// a few times instead of given up at once (found by scripts/faults: a duplicate send). The next
    /// round starts only when this one is done, so nothing here claims the message meanwhile.
    private func recordWithRetries(_ result: SendResult, for item: OutboxStore.Claimed) async throws -> Bool {
        try await database.writeRetrying { db in
            let optedOut = try OutboxStore.record(result, for: item, policy: policy, now: clock.now(), in: db)
            if optedOut { try PersonStore.setOptedOut(true, personID: item.message.personID, in: db) }
            return optedOut
        }
    }

    /// On a graceful shutdown the round in flight is cancelled at once rather than waited for: a
    /// provider that does not answer would otherwise hold SIGTERM for its whole timeout (20 s by default).
    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            let sent = (try? await cancelWhenGracefulShutdown { try await tick() }) ?? 0
            if sent == 0 {
                try? await gracefulShutdown(orSleepFor: policy.pollInterval)
            }
        }
    }
}

private func gracefulShutdown(orSleepFor seconds: Double) async throws {
    try await cancelWhenGracefulShutdown {
        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
