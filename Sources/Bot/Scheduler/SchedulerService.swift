import Foundation
import Logging
import ServiceLifecycle

/// Runs due jobs in the background of `wegwijzer serve`; `tick` is what tests and `remind --once` drive.
struct SchedulerService: Service {
    let runner: JobRunner
    let clock: WallClock
    let interval: Double
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let queued = try await runner.runDue(at: clock.now())
                if !queued.isEmpty { logger.info("scheduled messages queued", metadata: ["count": "\(queued.count)"]) }
            } catch {
                logger.error("scheduler round failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
        }
    }
}
