import Foundation
import GRDB

/// The AVG right to erasure: an inwoner and everything about them go, for good. An erasure is done
/// only when no earlier copy of the rows is left anywhere in the store's files, not when the rows
/// are deleted: a reader (a backup, a slow export) may hold an older version for a while.
enum Erasure {
    enum Progress: Sendable, Equatable {
        /// Nothing of the inwoner is left in the store's files.
        case done
        /// The rows are gone, but a reader still holds an older version in the store's files; it is
        /// removed as soon as the reader lets go (`finish`, run in the background by `ErasureFinisher`).
        case inProgress
    }

    /// Deletes the inwoner with all their rows (messages, outbox, jobs, answers, plan, alerts, notes),
    /// and the network members and mantelzorgers we only knew through them, and notes the erasure as
    /// unfinished until `finish` has made sure no earlier copy is left. Part of the caller's
    /// transaction: all of it happens, or none. Erasing the same id twice is harmless.
    static func erase(personID: Int64, at now: Date, in db: any SQLConnection) throws {
        let linked = try Int64.fetchAll(
            db,
            sql: """
                SELECT memberPersonId FROM networkMember WHERE personId = ?1 AND memberPersonId IS NOT NULL
                UNION SELECT carerPersonId FROM mantelzorg WHERE personId = ?1 AND carerPersonId IS NOT NULL
                """, arguments: [personID])
        try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [personID])
        for other in linked where try !isLinkedElsewhere(other, in: db) {
            try db.execute(sql: "DELETE FROM person WHERE id = ? AND role != 'inwoner'", arguments: [other])
        }
        try db.execute(
            sql: "INSERT INTO erasurePending (personId, erasedAt) VALUES (?, ?) ON CONFLICT (personId) DO NOTHING",
            arguments: [personID, now])
    }

    /// A member or carer who also helps another inwoner (or is one) stays.
    private static func isLinkedElsewhere(_ personID: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM networkMember WHERE memberPersonId = ?1)
                    OR EXISTS (SELECT 1 FROM mantelzorg WHERE carerPersonId = ?1)
                    OR EXISTS (SELECT 1 FROM person WHERE id = ?1 AND role = 'inwoner')
                """, arguments: [personID]) ?? true
    }

    /// How many erasures are not finished yet.
    static func unfinished(in db: any SQLConnection) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM erasurePending") ?? 0
    }

    /// Finishes every unfinished erasure: makes sure no earlier copy of erased rows is left in the
    /// store's files. Tries up to `attempts` times, the pause between tries doubling from
    /// `firstPause`; each try waits only briefly for readers, so writers are not held up. Returns
    /// `.done` when no erasure is left unfinished. Each erasure it finishes gets an audit row
    /// "wissen voltooid", by id only. Idempotent, and safe to run from several places at once.
    static func finish(
        _ database: AppDatabase, attempts: Int = 5, firstPause: Duration = .milliseconds(50),
        clock: WallClock = .system
    ) async throws -> Progress {
        var pause = firstPause
        for attempt in 1...max(1, attempts) {
            // Read before purging: an erasure committed after this read may not be covered by the purge.
            let pending = try await database.read { db in
                try Int64.fetchAll(db, sql: "SELECT personId FROM erasurePending ORDER BY personId")
            }
            if pending.isEmpty { return .done }
            if try await database.purgeEarlierVersions(wait: .milliseconds(100)) {
                try await database.write { db in
                    for id in pending {
                        try db.execute(sql: "DELETE FROM erasurePending WHERE personId = ?", arguments: [id])
                        if db.changesCount > 0 {
                            try AuditLog.record("wissen voltooid", professionalID: nil, personID: id, at: clock.now(), in: db)
                        }
                    }
                }
                continue
            }
            if attempt < attempts {
                try await Task.sleep(for: pause)
                pause *= 2
            }
        }
        return try await database.read(unfinished) == 0 ? .done : .inProgress
    }
}
