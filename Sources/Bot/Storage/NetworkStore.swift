import Foundation
import GRDB

/// The people around an inwoner (their network members) as the web view reads them and checks
/// them. The conversation records and invites members; see `PersonStore.networkMember`.
enum NetworkStore {
    struct Member: Sendable, Equatable {
        var id: Int64
        var name: String
        var relation: String?
        var helps: String?
        var phone: String?
        /// invited, accepted, declined or stopped; nil when not asked yet.
        var invitation: String?
    }

    /// The inwoner's network members, in the order they were named.
    static func members(inwonerID: Int64, in db: Database) throws -> [Member] {
        try Row.fetchAll(db, sql: "SELECT id, name, relation, helps, phone, invitation FROM networkMember WHERE personId = ? ORDER BY id",
                         arguments: [inwonerID]).map { row in
            Member(id: row["id"], name: row["name"], relation: row["relation"], helps: row["helps"], phone: row["phone"],
                   invitation: row["invitation"])
        }
    }

    /// True when the member belongs to this inwoner's network (false for another inwoner's member).
    static func isMember(_ memberID: Int64, of inwonerID: Int64, in db: Database) throws -> Bool {
        try Int64.fetchOne(db, sql: "SELECT id FROM networkMember WHERE id = ? AND personId = ?", arguments: [memberID, inwonerID]) != nil
    }

    /// The person we write to for a member who said JA to helping; nil while they have not (or not yet) accepted.
    static func acceptedPerson(memberID: Int64, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT memberPersonId FROM networkMember WHERE id = ? AND invitation = 'accepted'", arguments: [memberID])
    }
}
