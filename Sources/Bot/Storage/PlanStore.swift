import Dialog
import Foundation
import GRDB

/// Changes a professional makes to an inwoner's ondersteuningsplan: goals and actions added or
/// changed from the web view. Reading the plan is `PlanRows`; planning the jobs after a change is
/// the caller's, in the same transaction (`ActionScheduler`).
enum PlanStore {
    /// Who does an action: `inwoner`, `professional`, or `netwerk` with the network member's id.
    struct Owner: Sendable, Equatable {
        var kind: String
        var memberID: Int64?
    }

    /// True when the goal is one of this inwoner's (false for another inwoner's goal or an unknown id).
    static func hasGoal(_ goalID: Int64, personID: Int64, in db: any SQLConnection) throws -> Bool {
        try Int64.fetchOne(db, sql: "SELECT id FROM goal WHERE id = ? AND personId = ?", arguments: [goalID, personID]) != nil
    }

    /// Adds an active goal at the end of the inwoner's plan (ranked after every goal they have) and
    /// returns its id. Every call adds one.
    static func addGoal(personID: Int64, text: String, at now: Date, in db: any SQLConnection) throws -> Int64 {
        let rank = (try Int.fetchOne(db, sql: "SELECT MAX(rank) FROM goal WHERE personId = ?", arguments: [personID]) ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO goal (personId, localId, text, rank, status, createdAt) VALUES (?, ?, ?, ?, 'actief', ?)",
            arguments: [personID, webLocalID(), text, rank, now])
        return try db.lastInsertedRowID
    }

    /// Adds a planned action (status gepland) under the inwoner's goal and returns its id. Every call adds one.
    /// `specialist`: a referral by the professional to specialist help ("huisarts", "ggz").
    static func addAction(
        personID: Int64, goalID: Int64, what: String, owner: Owner, due: LocalDate?, specialist: String? = nil, at now: Date,
        in db: any SQLConnection
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO action (personId, goalId, localId, what, ownerKind, networkMemberId, dueDate, status, specialist, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'gepland', ?, ?)
                """, arguments: [personID, goalID, webLocalID(), what, owner.kind, owner.memberID, due?.description, specialist, now])
        return try db.lastInsertedRowID
    }

    /// Who does the inwoner's action now; nil when the action is not one of this inwoner's.
    static func owner(actionID: Int64, personID: Int64, in db: any SQLConnection) throws -> Owner? {
        try Row.fetchOne(
            db, sql: "SELECT ownerKind, networkMemberId FROM action WHERE id = ? AND personId = ?",
            arguments: [actionID, personID]
        ).map { Owner(kind: $0["ownerKind"], memberID: $0["networkMemberId"]) }
    }

    /// Sets what the inwoner's action is, who does it, when, its status and result. With `closedAt`
    /// the action counts as evaluated from that moment, unless it was evaluated before (the first
    /// moment stays). Setting the same values again changes nothing.
    static func updateAction(
        _ actionID: Int64, personID: Int64, what: String, owner: Owner, due: LocalDate?, status: String,
        result: String?, closedAt: Date?, in db: any SQLConnection
    ) throws {
        try db.execute(
            sql: """
                UPDATE action SET what = ?, ownerKind = ?, networkMemberId = ?, dueDate = ?, status = ?, result = ?,
                    evaluatedAt = COALESCE(evaluatedAt, ?)
                WHERE id = ? AND personId = ?
                """, arguments: [what, owner.kind, owner.memberID, due?.description, status, result, closedAt, actionID, personID])
    }

    /// Ends the proposal of the inwoner's action (the professional accepted it, or answered with
    /// another owner or date), and handles the signal the proposal raised (matched by the step's
    /// words as the inwoner proposed it). True when it was a proposal until now, so the inwoner hears it once.
    static func settleProposal(actionID: Int64, personID: Int64, at now: Date, in db: any SQLConnection) throws -> Bool {
        guard
            let what = try String.fetchOne(
                db, sql: "SELECT what FROM action WHERE id = ? AND personId = ? AND proposedAt IS NOT NULL",
                arguments: [actionID, personID])
        else { return false }
        try db.execute(sql: "UPDATE action SET proposedAt = NULL WHERE id = ?", arguments: [actionID])
        try db.execute(
            sql: "UPDATE alert SET handledAt = ? WHERE personId = ? AND kind = 'actie_voorstel' AND detail = ? AND handledAt IS NULL",
            arguments: [SQLDate(now), personID, what])
        return true
    }

    /// The ids of all the inwoner's actions, open or not, in the order they were made.
    static func actionIDs(personID: Int64, in db: any SQLConnection) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM action WHERE personId = ? ORDER BY id", arguments: [personID])
    }

    /// The local id of a goal or action made in the web view (local ids are unique per inwoner):
    /// `web-` and twelve random characters, so it stands apart from the ids the conversation gives.
    private static func webLocalID() -> String {
        "web-\(WebSessionStore.randomToken().prefix(12))"
    }
}
