import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Copies the WAL into the database file beside the writer, for `wegwijzer serve`.
///
/// SQLite checkpoints on the writer's connection when a commit takes the WAL past 1,000 pages: that
/// commit copies every page changed since the last checkpoint and syncs the file while the inwoners
/// of the next batch wait. With many inwoners each turn changes pages of its own, so those copies
/// were large and made the slowest turns (p99 32–38 ms at 100,000 inwoners, 27–29 ms with this
/// service). Every `interval` this service's own connection copies what is new, PASSIVE (it waits
/// for neither the writer nor the readers), so the writer's own checkpoint finds little left to do.
/// The writer still checkpoints as before: that is what lets the WAL start anew, so it stays small.
struct WALCheckpointer: Service {
    let pool: DatabasePool
    var interval: Duration = .milliseconds(30)
    let logger: Logger

    struct Round: Equatable {
        /// Frames in the WAL, and how many of them are now in the database file.
        var logFrames: Int
        var checkpointed: Int
    }

    func run() async throws {
        let own: DatabaseQueue
        do {
            own = try connection()
        } catch {
            // The writer checkpoints on its own: slower at the tail, never unsafe.
            logger.error("no checkpoint connection; the writer checkpoints alone", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try checkpoint(on: own)
            } catch {
                logger.error("checkpoint failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// A connection of its own to the same file (a pool's readers are read-only, and the writer is
    /// what should not wait).
    func connection() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "checkpointer"
        return try DatabaseQueue(path: pool.path, configuration: configuration)
    }

    /// One passive checkpoint.
    func checkpoint(on connection: DatabaseQueue) throws -> Round {
        try connection.writeWithoutTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return Round(logFrames: 0, checkpointed: 0) }
            return Round(logFrames: row[1], checkpointed: row[2])
        }
    }
}
