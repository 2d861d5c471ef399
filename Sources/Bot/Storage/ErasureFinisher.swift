import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Finishes, in the background of `wegwijzer serve`, the erasures that could not be finished at
/// once because a reader held an older copy: at the start (one left from before a restart) and
/// then every `interval`, one quick try each time, until none is left.
struct ErasureFinisher: Service {
    let database: AppDatabase
    let clock: WallClock
    var interval: Duration = .seconds(1)
    let logger: Logger

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                if try await database.read(Erasure.unfinished) > 0,
                    try await Erasure.finish(database, attempts: 1, clock: clock) == .done
                {
                    logger.notice("erasure finished: no earlier copy left in the database files")
                }
            } catch {
                logger.error("could not finish an erasure yet", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
