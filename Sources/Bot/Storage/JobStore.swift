import Dialog
import Foundation
import GRDB

/// Scheduled work in SQLite: due time in UTC, kind, the person it is for, a unique idempotency key.
package enum JobStore {
    typealias Kind = JobKind

    package struct Job: Sendable, Equatable {
        var id: Int64
        var kind: Kind
        var personID: Int64
        var actionID: Int64?
        var goalID: Int64?
        var dueAt: Date
        /// The conversation run a watching job belongs to.
        var run: String?
    }

    /// Adds a job unless one with the same key is pending or done (scheduling twice is harmless).
    /// One that was cancelled comes back: planning an action anew cancels its jobs first.
    static func add(
        _ kind: Kind, personID: Int64, actionID: Int64? = nil, goalID: Int64? = nil, run: String? = nil, dueAt: Date,
        key: String, at now: Date, in db: any SQLConnection
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO job (kind, personId, actionId, goalId, run, dueAt, idempotencyKey, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotencyKey) DO UPDATE SET status = 'pending', dueAt = excluded.dueAt, held = FALSE, firstDueAt = NULL,
                    note = NULL WHERE job.status = 'cancelled'
                """
        ).execute(arguments: [kind.rawValue, personID, actionID, goalID, run, SQLDate(dueAt), key, SQLDate(now)])
    }

    /// Cancels an action's pending jobs (before planning them anew after a change). The jobs that
    /// watch a conversation stay: the conversation may still wait for an answer.
    static func cancel(actionID: Int64, kinds: [Kind] = Kind.allCases.filter { !$0.watchesConversation }, in db: any SQLConnection) throws {
        guard !kinds.isEmpty else { return }
        let list = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.cachedStatement(sql: "UPDATE job SET status = 'cancelled' WHERE actionId = ? AND status = 'pending' AND kind IN (\(list))")
            .execute(arguments: [actionID])
    }

    /// An opt-out cancels everything pending for that person.
    static func cancel(personID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE job SET status = 'cancelled' WHERE personId = ? AND status = 'pending'").execute(arguments: [
            personID
        ])
    }

    /// The next due job; the caller runs it in this same transaction, so it runs once or not at all.
    /// On PostgreSQL the row stays taken until that transaction ends, and another instance's
    /// runner passes over it. So does the job's person (`PersonStore.lockForTurn`): a job whose
    /// person another transaction works on is passed over, not waited for. Two runners that each
    /// held one person and then waited for the other's would deadlock; a runner that never waits
    /// for a person cannot close such a circle (`anyDue` tells it to come back for the job).
    package static func nextDue(at now: Date, in db: any SQLConnection) throws -> Job? {
        let sql =
            switch db.dialect {
            case .sqlite: nextDueSQL
            case .postgres:
                """
                SELECT job.id, job.kind, job.personId, job.actionId, job.goalId, job.dueAt, job.run
                FROM job JOIN person ON person.id = job.personId
                WHERE job.status = 'pending' AND job.dueAt <= ? ORDER BY job.dueAt, job.id LIMIT 1
                FOR UPDATE OF job SKIP LOCKED FOR NO KEY UPDATE OF person SKIP LOCKED
                """
            }
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [now]).flatMap(job)
    }

    /// Whether any job is due at `now`, taken or passed over by a runner or not.
    static func anyDue(at now: Date, in db: any SQLConnection) throws -> Bool {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM job WHERE status = 'pending' AND dueAt <= ? LIMIT 1"), arguments: [SQLDate(now)]) != nil
    }

    /// Served by the index `job_due (status, dueAt)`: as fast with a million jobs as with ten.
    package static let nextDueSQL = """
        SELECT id, kind, personId, actionId, goalId, dueAt, run FROM job
        WHERE status = 'pending' AND dueAt <= ? ORDER BY dueAt, id LIMIT 1
        """

    /// Of this person's due jobs that start a conversation, the one first due before any
    /// postponement: waiting questions go out in the order they fell due.
    static func firstInLine(personID: Int64, at now: Date, in db: any SQLConnection) throws -> Job? {
        let kinds = Kind.allCases.filter(\.startsConversation).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, personId, actionId, goalId, dueAt, run FROM job
                    WHERE personId = ? AND status = 'pending' AND dueAt <= ? AND kind IN (\(kinds))
                    ORDER BY COALESCE(firstDueAt, dueAt), id LIMIT 1
                    """ + db.dialect.claimingRows()), arguments: [personID, SQLDate(now)]
        ).flatMap(job)
    }

    static func finish(_ id: Int64, at now: Date, note: String? = nil, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE job SET status = 'done', doneAt = ?, attempts = attempts + 1, note = ? WHERE id = ?").execute(
            arguments: [now, note, id])
    }

    static func postpone(_ id: Int64, to date: Date, note: String, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE job SET dueAt = ?, attempts = attempts + 1, note = ? WHERE id = ?").execute(arguments: [
            date, note, id
        ])
    }

    /// The person is answering another question: the job waits for that conversation to end
    /// (`release`), and tries again at `retryAt` in case nothing ends it. Its first due moment is kept.
    static func hold(_ id: Int64, retryAt: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                UPDATE job SET firstDueAt = COALESCE(firstDueAt, dueAt), dueAt = ?, held = TRUE, attempts = attempts + 1,
                               note = 'the person is answering another question' WHERE id = ?
                """
        ).execute(arguments: [SQLDate(retryAt), id])
    }

    /// The person's open conversation ended: the jobs that waited for it are due now.
    static func release(personID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                UPDATE job SET dueAt = CASE WHEN dueAt > ?1 THEN ?1 ELSE dueAt END, held = FALSE WHERE personId = ?2 AND status = 'pending' AND held
                """
        ).execute(arguments: [SQLDate(now), personID])
    }

    /// A pending job planned under `key` comes no later than `moment`.
    static func bringForward(key: String, to moment: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE job SET dueAt = ?1 WHERE idempotencyKey = ?2 AND status = 'pending' AND dueAt > ?1")
            .execute(arguments: [SQLDate(moment), key])
    }

    /// Other due jobs of the same kind for the same action and person (the evening's reminder
    /// after a quiet night, say) are finished with `job`: one message, not the same text twice.
    static func mergeDue(into job: Job, at now: Date, in db: any SQLConnection) throws {
        guard let actionID = job.actionID else { return }
        try db.cachedStatement(
            sql: """
                UPDATE job SET status = 'done', doneAt = ?, attempts = attempts + 1, note = ?
                WHERE actionId = ? AND status = 'pending' AND personId = ? AND kind = ? AND dueAt <= ? AND id <> ?
                """
        ).execute(arguments: [
            SQLDate(now), "merged into job \(job.id)", actionID, job.personID, job.kind.rawValue,
            SQLDate(now), job.id
        ])
    }

    private static func job(_ row: Row) -> Job? {
        guard let kind = Kind(rawValue: row["kind"]) else { return nil }
        return Job(
            id: row["id"], kind: kind, personID: row["personId"], actionID: row["actionId"], goalID: row["goalId"],
            dueAt: row["dueAt"], run: row["run"])
    }
}
