import Foundation
import Logging
import ServiceLifecycle

/// Runs due jobs in the background of `wegwijzer serve`; `tick` is what tests and `remind --once` drive.
struct SchedulerService: Service {
    let runner: JobRunner
    let clock: WallClock
    let interval: Double
    /// Jobs per write transaction. The webhooks' messages wait while one runs: a round of 1,000
    /// network invitations in transactions of 100 (some 70 ms each) took the p99 of a load from
    /// about 18 ms to 46-56 ms.
    var jobsPerTransaction = 10
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let queued = try await round()
                if !queued.isEmpty { logger.info("scheduled messages queued", metadata: ["count": "\(queued.count)"]) }
            } catch {
                logger.error("scheduler round failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
        }
    }

    /// Runs what is due now; returns the messages queued.
    func round() async throws -> [OutgoingMessage] {
        try await runner.runDue(at: clock.now(), batch: jobsPerTransaction)
    }
}
