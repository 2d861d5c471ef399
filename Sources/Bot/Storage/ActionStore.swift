import Dialog
import Foundation
import GRDB

/// The actions of the plan as the rules and the runner need them. Reads only, inside the
/// caller's transaction; changes from the chat are in `ActionStore+Changes`.
enum ActionStore {
    /// An action with its owner and its inwoner's reachability, or nil when it is gone.
    static func facts(actionID: Int64, policy: SchedulePolicy, in db: any SQLConnection) throws -> (facts: ActionFacts, inwonerID: Int64)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT a.personId, a.what, a.ownerKind, a.networkMemberId, a.dueDate, a.dueTime, a.status, p.optedOut, p.sendWindow,
                               n.id AS memberId, n.name AS memberName, n.phone AS memberPhone, n.invitation, mp.optedOut AS memberOptedOut, mp.sendWindow AS memberWindow
                        FROM action a JOIN person p ON p.id = a.personId
                        LEFT JOIN networkMember n ON n.id = a.networkMemberId LEFT JOIN person mp ON mp.id = n.memberPersonId
                        WHERE a.id = ?
                        """), arguments: [actionID])
        else { return nil }
        let owner: ActionFacts.Owner
        switch row["ownerKind"] as String {
        case "inwoner": owner = .inwoner
        case "netwerk":
            if let memberID: Int64 = row["memberId"] {
                owner = .member(
                    MemberFacts(
                        id: memberID, name: row["memberName"] ?? "", hasPhone: (row["memberPhone"] as String?) != nil,
                        invitation: (row["invitation"] as String?).flatMap(MemberFacts.Invitation.init(rawValue:)),
                        optedOut: (row["memberOptedOut"] as Bool?) ?? false,
                        window: policy.window(override: row["memberWindow"])))
            } else {
                owner = .unknownMember
            }
        default: owner = .professional
        }
        let facts = ActionFacts(
            id: actionID, what: row["what"], status: row["status"], due: (row["dueDate"] as String?).flatMap(LocalDate.init(iso:)),
            dueTime: (row["dueTime"] as String?).flatMap(LocalTime.init(iso:)), owner: owner,
            inwonerOptedOut: row["optedOut"], window: policy.window(override: row["sendWindow"]))
        return (facts, row["personId"])
    }

    /// The person a network member is reached as, made when the member is first written to.
    static func memberPerson(memberID: Int64, inwonerID: Int64, at now: Date, in db: any SQLConnection) throws -> Int64? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT memberPersonId, phone FROM networkMember WHERE id = ?"),
                arguments: [memberID])
        else { return nil }
        if let id: Int64 = row["memberPersonId"] { return id }
        guard let phone: String = row["phone"] else { return nil }
        return try PersonStore.networkMember(phone: phone, memberID: memberID, inwonerID: inwonerID, at: now, in: db)
    }

    /// The text of an action ("Alle post in een map doen").
    static func what(actionID: Int64, in db: any SQLConnection) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT what FROM action WHERE id = ?"), arguments: [actionID])
    }

    /// The inwoner whose plan holds the action.
    static func inwoner(actionID: Int64, in db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT personId FROM action WHERE id = ?"), arguments: [actionID])
    }

    /// For the weekly overview: open actions due within a week, and what was done in the last week.
    static func week(personID: Int64, today: LocalDate, now: Date, in db: any SQLConnection) throws -> (open: [Int64], done: [Int64]) {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, status, dueDate, evaluatedAt FROM action WHERE personId = ? ORDER BY dueDate NULLS FIRST, id
                    """), arguments: [personID])
        var open: [Int64] = []
        var done: [Int64] = []
        for row in rows {
            let status: String = row["status"]
            if ActionFacts.openStatuses.contains(status), let due = (row["dueDate"] as String?).flatMap(LocalDate.init(iso:)),
                due <= today.adding(days: 7)
            {
                open.append(row["id"])
            } else if status == "gedaan", let evaluated: Date = row["evaluatedAt"], now.timeIntervalSince(evaluated) < 7 * 86400 {
                done.append(row["id"])
            }
        }
        return (open, done)
    }

    /// The names an invitation needs: the member's and the inwoner's.
    static func invitation(actionID: Int64, memberPersonID: Int64, in db: any SQLConnection) throws -> (member: String, inwoner: String)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT n.name AS member, COALESCE(p.name, '') AS inwoner FROM action a
                        JOIN networkMember n ON n.id = a.networkMemberId JOIN person p ON p.id = a.personId
                        WHERE a.id = ? AND n.memberPersonId = ?
                        """), arguments: [actionID, memberPersonID])
        else { return nil }
        return (row["member"], row["inwoner"])
    }

    /// The member was invited: nothing else goes to them before their answer.
    static func markInvited(memberPersonID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE networkMember SET invitation = 'invited' WHERE memberPersonId = ? AND invitation IS NULL")
            .execute(arguments: [memberPersonID])
    }

    /// A goal for its re-rating: its text and leefgebied, and the first score of that leefgebied.
    static func rerating(goalID: Int64, in db: any SQLConnection) throws -> (text: String, leefgebied: String, first: Int?)? {
        guard
            let goal = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT personId, text, leefgebied FROM goal WHERE id = ?"),
                arguments: [goalID]),
            let leefgebied: String = goal["leefgebied"]
        else { return nil }
        let first = try Int.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT score FROM score WHERE personId = ? AND leefgebied = ? AND goalId IS NULL ORDER BY createdAt, id LIMIT 1
                    """), arguments: [goal["personId"] as Int64, leefgebied])
        return (goal["text"], leefgebied, first)
    }
}
