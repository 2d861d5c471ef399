import Dialog
import Foundation
import GRDB

extension ActionStore {
    /// Who may change an action from the chat: its inwoner, and the network member who owns it.
    struct Parties: Sendable {
        var inwonerID: Int64
        var goalID: Int64?
        var what: String
        var memberPersonID: Int64?
        var memberName: String?
    }

    static func parties(actionID: Int64, in db: any SQLConnection) throws -> Parties? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT a.personId, a.goalId, a.what, n.memberPersonId, n.name AS member
                    FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId WHERE a.id = ?
                    """), arguments: [actionID]
        ).map {
            Parties(
                inwonerID: $0["personId"], goalID: $0["goalId"], what: $0["what"], memberPersonID: $0["memberPersonId"],
                memberName: $0["member"])
        }
    }

    /// A report or change from the chat; nil fields stay as they are.
    struct Report: Sendable {
        var status: String?
        var result: String?
        /// How much it helped, 0-10.
        var helped: Int?
        var due: (day: LocalDate, time: LocalTime?)?
        var owner: (kind: String, memberID: Int64?)?

        var isEmpty: Bool { status == nil && result == nil && helped == nil && due == nil && owner == nil }
    }

    /// Applies a report in one statement. Done or not-worked-out stamps when it was judged; a new
    /// date for a step that did not work out plans it again.
    static func apply(_ report: Report, actionID: Int64, at now: Date, in db: any SQLConnection) throws {
        var sets: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if let status = report.status {
            sets.append("status = ?")
            args.append(status)
            if ["gedaan", "niet_gelukt"].contains(status) {
                sets.append("evaluatedAt = ?")
                args.append(SQLDate(now))
            }
        }
        if let result = report.result {
            sets.append("result = ?")
            args.append(result)
        }
        if let helped = report.helped {
            sets.append("helped = ?")
            args.append(helped)
        }
        if let due = report.due {
            sets += ["dueDate = ?", "dueTime = ?"]
            args += [due.day.description, due.time?.description]
            if report.status == nil { sets.append("status = CASE status WHEN 'niet_gelukt' THEN 'gepland' ELSE status END") }
        }
        if let owner = report.owner {
            sets += ["ownerKind = ?", "networkMemberId = ?"]
            args += [owner.kind, owner.memberID]
        }
        guard !sets.isEmpty else { return }
        try db.execute(
            sql: "UPDATE action SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: SQLArguments(args + [actionID]))
    }

    /// Marks the goal reached when none of its actions is still to do; returns whether it did.
    static func closeGoalIfDone(goalID: Int64, in db: any SQLConnection) throws -> Bool {
        let open =
            try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM action WHERE goalId = ? AND status NOT IN ('gedaan', 'vervallen')
                        """), arguments: [goalID]) ?? 0
        guard open == 0 else { return false }
        try db.cachedStatement(sql: "UPDATE goal SET status = 'bereikt' WHERE id = ?").execute(arguments: [goalID])
        return true
    }
}
