import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Copies the WAL into the database file beside the writer, for `wegwijzer serve`.
///
/// SQLite checkpoints on the writer's connection when a commit takes the WAL past 1,000 pages: that
/// commit copies every page changed since the last checkpoint and syncs the file while the inwoners
/// of the next batch wait. With many inwoners each turn changes pages of its own, so those syncs
/// were long and made the slowest turns. This service's own connection copies what is new, PASSIVE
/// (it waits for neither the writer nor the readers), so the writer's own checkpoint finds little
/// or nothing left to copy and sync. The writer still checkpoints as before: that is what lets the
/// WAL start anew, so it stays small.
///
/// While the writer writes, a round follows the last after `busyPause`. At a million inwoners a
/// round's sync takes up to 10 ms; with 30 ms between rounds the WAL often reached the writer's
/// threshold first, and the writer synced the file itself while a batch waited: 244 ms of such
/// syncs in 8 s, and 119 ms with 5 ms between rounds (the p99 at a million went from 26.2 to
/// 24.4 ms over five interleaved loads). Once a round finds the WAL as it was, the pause is `idlePause`.
struct WALCheckpointer: Service {
    let pool: DatabasePool
    var busyPause: Duration = .milliseconds(5)
    var idlePause: Duration = .milliseconds(100)
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
        var last: Round?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var round: Round?
            do {
                // Awaited on the connection's own queue: a round's copy and sync (up to 10 ms at a
                // million inwoners) held one of the two task threads that answer the webhooks.
                round = try await own.writeWithoutTransaction(Self.checkpoint)
            } catch {
                logger.error("checkpoint failed", metadata: ["error": "\(error)"])
            }
            let wait = pause(after: round, last: last)
            last = round
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }

    /// How long to wait before the next round: short while the WAL changes between rounds.
    func pause(after round: Round?, last: Round?) -> Duration {
        guard let round else { return idlePause }
        return round == last ? idlePause : busyPause
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
        try connection.writeWithoutTransaction(Self.checkpoint)
    }

    @Sendable private static func checkpoint(_ db: Database) throws -> Round {
        guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return Round(logFrames: 0, checkpointed: 0) }
        return Round(logFrames: row[1], checkpointed: row[2])
    }
}
