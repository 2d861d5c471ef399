import Dialog
import Foundation
import GRDB

/// The people around an inwoner (their network members): as the web view reads and checks them,
/// and as people who take part in actions, with their answer to an invitation and their STOP.
/// Inside the caller's transaction. The conversation records and invites members; see
/// `PersonStore.networkMember`.
enum NetworkStore {
    /// A member's step in an inwoner's plan.
    struct MemberStep: Sendable {
        var actionID: Int64
        var inwonerID: Int64
        var what: String
        var memberID: Int64
        var memberName: String
    }

    /// Action `actionID` when `memberPersonID` is the member who owns it.
    static func step(actionID: Int64, memberPersonID: Int64, in db: any SQLConnection) throws -> MemberStep? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT a.personId, a.what, n.id AS memberId, n.name FROM action a JOIN networkMember n ON n.id = a.networkMemberId
                    WHERE a.id = ? AND n.memberPersonId = ?
                    """), arguments: [actionID, memberPersonID]
        )
        .map {
            MemberStep(actionID: actionID, inwonerID: $0["personId"], what: $0["what"], memberID: $0["memberId"], memberName: $0["name"])
        }
    }

    /// The member's answer to their invitation (`accepted` or `declined`); the latest answer counts.
    static func setInvitation(_ answer: MemberFacts.Invitation, memberID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE networkMember SET invitation = ? WHERE id = ?").execute(arguments: [answer.rawValue, memberID])
    }

    /// The person sent STOP as a network member, for every inwoner who named them: marked stopped,
    /// and their open steps returned (each once).
    static func stop(memberPersonID: Int64, in db: any SQLConnection) throws -> [MemberStep] {
        let steps = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT a.id, a.personId, a.what, n.id AS memberId, n.name FROM networkMember n
                    JOIN action a ON a.networkMemberId = n.id
                    WHERE n.memberPersonId = ? AND a.status IN ('gepland', 'bezig', 'uitgesteld')
                    """), arguments: [memberPersonID]
        ).map {
            MemberStep(actionID: $0["id"], inwonerID: $0["personId"], what: $0["what"], memberID: $0["memberId"], memberName: $0["name"])
        }
        try db.cachedStatement(sql: "UPDATE networkMember SET invitation = 'stopped' WHERE memberPersonId = ?").execute(arguments: [
            memberPersonID
        ])
        return steps
    }

    struct Member: Sendable, Equatable {
        var id: Int64
        var name: String
        var relation: String?
        var helps: String?
        var phone: String?
        /// invited, accepted, declined or stopped; nil when not asked yet.
        var invitation: String?
        /// The kinds of support (keys of the flow's list `steun`), in the order given; empty when not known.
        var support: [String] = []
        /// `dichtbij` or `verder`; nil when not known (someone first named in a plan step).
        var closeness: String?
    }

    /// The inwoner's network members, in the order they were named.
    static func members(inwonerID: Int64, in db: any SQLConnection) throws -> [Member] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, name, relation, helps, phone, invitation, support, closeness FROM networkMember
                WHERE personId = ? ORDER BY id
                """,
            arguments: [inwonerID]
        ).map { row in
            let support: String? = row["support"]
            return Member(
                id: row["id"], name: row["name"], relation: row["relation"], helps: row["helps"], phone: row["phone"],
                invitation: row["invitation"], support: support.map { $0.split(separator: ",").map(String.init) } ?? [],
                closeness: row["closeness"])
        }
    }

    /// True when the member belongs to this inwoner's network (false for another inwoner's member).
    static func isMember(_ memberID: Int64, of inwonerID: Int64, in db: any SQLConnection) throws -> Bool {
        try Int64.fetchOne(db, sql: "SELECT id FROM networkMember WHERE id = ? AND personId = ?", arguments: [memberID, inwonerID]) != nil
    }

    /// The person we write to for a member who said JA to helping; nil while they have not (or not yet) accepted.
    static func acceptedPerson(memberID: Int64, in db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT memberPersonId FROM networkMember WHERE id = ? AND invitation = 'accepted'", arguments: [memberID])
    }
}
