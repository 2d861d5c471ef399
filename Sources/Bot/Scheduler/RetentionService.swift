import Foundation
import Logging
import ServiceLifecycle

/// Runs the bewaartermijn in the background of `wegwijzer serve`: at the start and then once a day.
struct RetentionService: Service {
    let retention: RetentionPolicy
    var interval: Duration = .seconds(24 * 3600)
    let logger: Logger

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                let outcome = try await retention.apply()
                if !outcome.notified.isEmpty || !outcome.erased.isEmpty {
                    logger.notice(
                        "bewaartermijn",
                        metadata: [
                            "signals": "\(outcome.notified.count)", "erased": "\(outcome.erased.count)",
                            "finished": "\(outcome.erasure == .done)"
                        ])
                }
            } catch {
                logger.error("bewaartermijn run failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
