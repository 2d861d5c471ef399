import Foundation
import GRDB

/// Scheduled work in SQLite: due time in UTC, kind, the person it is for, a unique idempotency key.
enum JobStore {
    enum Kind: String, Sendable, CaseIterable {
        case reminder, followup, invite, memberReminder = "member_reminder", memberFollowup = "member_followup"
        case weekly, rerate
        case carerInvite = "carer_invite", checkin
        /// An alert for the professional when an action is still open days after its due moment.
        case overdue
    }

    struct Job: Sendable, Equatable {
        var id: Int64
        var kind: Kind
        var personID: Int64
        var actionID: Int64?
        var goalID: Int64?
        var dueAt: Date
    }

    /// Adds a job unless one with the same key exists (scheduling twice is harmless).
    static func add(_ kind: Kind, personID: Int64, actionID: Int64? = nil, goalID: Int64? = nil, dueAt: Date, key: String,
                    at now: Date, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO job (kind, personId, actionId, goalId, dueAt, idempotencyKey, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (idempotencyKey) DO NOTHING
            """).execute(arguments: [kind.rawValue, personID, actionID, goalID, SQLDate(dueAt), key, SQLDate(now)])
    }

    /// Cancels an action's pending jobs (before planning them anew after a change).
    static func cancel(actionID: Int64, kinds: [Kind] = Kind.allCases, in db: Database) throws {
        let list = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.cachedStatement(sql: "UPDATE job SET status = 'cancelled' WHERE actionId = ? AND status = 'pending' AND kind IN (\(list))").execute(arguments: [actionID])
    }

    /// An opt-out cancels everything pending for that person.
    static func cancel(personID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE job SET status = 'cancelled' WHERE personId = ? AND status = 'pending'").execute(arguments: [personID])
    }

    /// The next due job; the caller runs it in this same transaction, so it runs once or not at all.
    static func nextDue(at now: Date, in db: Database) throws -> Job? {
        try Row.fetchOne(db.cachedStatement(sql: nextDueSQL), arguments: [now]).flatMap(job)
    }

    /// Served by the index `job_due (status, dueAt)`: as fast with a million jobs as with ten.
    static let nextDueSQL = """
        SELECT id, kind, personId, actionId, goalId, dueAt FROM job
        WHERE status = 'pending' AND dueAt <= ? ORDER BY dueAt, id LIMIT 1
        """

    static func finish(_ id: Int64, at now: Date, note: String? = nil, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE job SET status = 'done', doneAt = ?, attempts = attempts + 1, note = ? WHERE id = ?").execute(arguments: [now, note, id])
    }

    static func postpone(_ id: Int64, to date: Date, note: String, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE job SET dueAt = ?, attempts = attempts + 1, note = ? WHERE id = ?").execute(arguments: [date, note, id])
    }

    private static func job(_ row: Row) -> Job? {
        guard let kind = Kind(rawValue: row["kind"]) else { return nil }
        return Job(id: row["id"], kind: kind, personID: row["personId"], actionID: row["actionId"], goalID: row["goalId"],
                   dueAt: row["dueAt"])
    }
}
