import Foundation
import GRDB

/// The omgeving's own view: someone the inwoner invited (one of their network members) says how
/// they see the inwoner's leefgebieden, what the inwoner is good at and what they could do.
/// Inside the caller's transaction. A person who said no, or gave their view, is never asked again
/// by the same inwoner.
enum OmgevingStore {
    /// An invitation waiting to be sent, with what the invited person's conversation needs.
    struct Invitation: Sendable, Equatable {
        var viewID: Int64
        var inwonerID: Int64
        var memberName: String
        /// The inwoner's first name; empty when they gave none.
        var inwonerName: String
        /// Keys of the list `leefgebieden`, in the inwoner's order.
        var leefgebieden: [String]
    }

    /// One invitation and, once given, the view.
    struct View: Sendable, Equatable {
        var id: Int64
        var memberID: Int64
        var memberName: String
        var relation: String?
        /// invited, asked, declined or answered.
        var status: String
        /// The inwoner lets the professional see the content.
        var share: Bool
        var leefgebieden: [String]
        /// Per leefgebied the score given; "weet ik niet" has none.
        var scores: [String: Int]
        var strengths: String?
        var offer: String?
        var answeredAt: Date?
    }

    /// A view given to the inwoner that they were not told about yet.
    struct Untold: Sendable, Equatable {
        var viewID: Int64
        var memberName: String
        var share: Bool
    }

    /// The inwoner invites member `memberID`, reached as `memberPersonID`. Idempotent on the
    /// inwoner and `localID`: the same record again changes `share`, and the leefgebieden while
    /// nothing was sent. Returns the view's id while the invitation is still to be sent; nil when
    /// it was sent already, or the inwoner invited the same person before (under another local
    /// id): then that invitation stands, and takes `share` while it is not sent.
    static func invite(
        inwonerID: Int64, localID: String, memberID: Int64, memberPersonID: Int64, share: Bool, leefgebieden: [String],
        at now: Date, in db: any SQLConnection
    ) throws -> Int64? {
        // An earlier invitation of the same person (the inwoner went back and answered again):
        // one not sent yet takes the new answer, one sent is not sent again.
        if let earlier = try Row.fetchOne(
            db,
            sql: """
                SELECT id, status FROM omgevingView WHERE personId = ? AND memberPersonId = ? AND localId != ? ORDER BY id DESC LIMIT 1
                """, arguments: [inwonerID, memberPersonID, localID])
        {
            if (earlier["status"] as String) == "invited" {
                try db.execute(
                    sql: "UPDATE omgevingView SET share = ?, leefgebieden = ? WHERE id = ?",
                    arguments: [share, try json(leefgebieden), earlier["id"] as Int64])
            }
            return nil
        }
        let row = try Row.fetchOne(
            db,
            sql: """
                INSERT INTO omgevingView (personId, localId, networkMemberId, memberPersonId, leefgebieden, share, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (personId, localId) DO UPDATE SET share = excluded.share,
                    leefgebieden = CASE WHEN omgevingView.status = 'invited' THEN excluded.leefgebieden ELSE omgevingView.leefgebieden END
                RETURNING id, status
                """,
            arguments: [inwonerID, localID, memberID, memberPersonID, try json(leefgebieden), share, SQLDate(now)])
        guard let row, (row["status"] as String) == "invited" else { return nil }
        return row["id"]
    }

    /// The oldest invitation to this person that was not sent yet.
    static func nextInvitation(memberPersonID: Int64, in db: any SQLConnection) throws -> Invitation? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT v.id, v.personId, v.leefgebieden, n.name, COALESCE(p.name, '') AS inwonerName FROM omgevingView v
                JOIN networkMember n ON n.id = v.networkMemberId JOIN person p ON p.id = v.personId
                WHERE v.memberPersonId = ? AND v.status = 'invited' ORDER BY v.id LIMIT 1
                """, arguments: [memberPersonID]
        ).map {
            Invitation(
                viewID: $0["id"], inwonerID: $0["personId"], memberName: $0["name"], inwonerName: $0["inwonerName"],
                leefgebieden: keys($0["leefgebieden"]))
        }
    }

    /// An invitation still open (not answered or declined) with who it goes to; nil otherwise.
    static func open(viewID: Int64, in db: any SQLConnection) throws -> (invitation: Invitation, memberPersonID: Int64)? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT v.id, v.personId, v.memberPersonId, v.leefgebieden, n.name, COALESCE(p.name, '') AS inwonerName
                FROM omgevingView v JOIN networkMember n ON n.id = v.networkMemberId JOIN person p ON p.id = v.personId
                WHERE v.id = ? AND v.status IN ('invited', 'asked') AND v.memberPersonId IS NOT NULL
                """, arguments: [viewID]
        ).map {
            (
                Invitation(
                    viewID: $0["id"], inwonerID: $0["personId"], memberName: $0["name"], inwonerName: $0["inwonerName"],
                    leefgebieden: keys($0["leefgebieden"])),
                $0["memberPersonId"]
            )
        }
    }

    /// The invitation went out now.
    static func markAsked(viewID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.execute(
            sql: "UPDATE omgevingView SET status = 'asked', askedAt = ? WHERE id = ? AND status = 'invited'",
            arguments: [SQLDate(now), viewID])
    }

    /// The invited person's view, for their own open invitation only. Returns the inwoner it is
    /// about; nil (and nothing stored) when the invitation is not theirs or was answered already.
    static func answer(
        viewID: Int64, memberPersonID: Int64, scores: [String: Int], strengths: String?, offer: String?, at now: Date,
        in db: any SQLConnection
    ) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                UPDATE omgevingView SET status = 'answered', scores = ?, strengths = ?, offer = ?, answeredAt = ?
                WHERE id = ? AND memberPersonId = ? AND status IN ('invited', 'asked') RETURNING personId
                """, arguments: [try json(scores), strengths, offer, SQLDate(now), viewID, memberPersonID])
    }

    /// The invited person said no; the same rules as `answer`.
    static func decline(viewID: Int64, memberPersonID: Int64, at now: Date, in db: any SQLConnection) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE omgevingView SET status = 'declined', answeredAt = ?
                WHERE id = ? AND memberPersonId = ? AND status IN ('invited', 'asked')
                """, arguments: [SQLDate(now), viewID, memberPersonID])
        return db.changesCount > 0
    }

    /// The person sent STOP: every invitation to them that is open counts as a no.
    static func stopped(memberPersonID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.execute(
            sql: """
                UPDATE omgevingView SET status = 'declined', answeredAt = ? WHERE memberPersonId = ? AND status IN ('invited', 'asked')
                """, arguments: [SQLDate(now), memberPersonID])
    }

    /// The inwoner's views that are in and that they were not told about, oldest first.
    static func untold(inwonerID: Int64, in db: any SQLConnection) throws -> [Untold] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.share, n.name FROM omgevingView v JOIN networkMember n ON n.id = v.networkMemberId
                WHERE v.personId = ? AND v.status = 'answered' AND v.toldAt IS NULL ORDER BY v.id
                """, arguments: [inwonerID]
        ).map { Untold(viewID: $0["id"], memberName: $0["name"], share: $0["share"]) }
    }

    static func markTold(viewID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.execute(sql: "UPDATE omgevingView SET toldAt = ? WHERE id = ?", arguments: [SQLDate(now), viewID])
    }

    /// Every invitation of the inwoner and its view, in the order they were made.
    static func views(inwonerID: Int64, in db: any SQLConnection) throws -> [View] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.networkMemberId, n.name, n.relation, v.status, v.share, v.leefgebieden, v.scores, v.strengths,
                       v.offer, v.answeredAt
                FROM omgevingView v JOIN networkMember n ON n.id = v.networkMemberId WHERE v.personId = ? ORDER BY v.id
                """, arguments: [inwonerID]
        ).map { row in
            View(
                id: row["id"], memberID: row["networkMemberId"], memberName: row["name"], relation: row["relation"],
                status: row["status"], share: row["share"], leefgebieden: keys(row["leefgebieden"]),
                scores: scores(row["scores"]), strengths: row["strengths"], offer: row["offer"], answeredAt: row["answeredAt"])
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func keys(_ text: String?) -> [String] {
        text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    private static func scores(_ text: String?) -> [String: Int] {
        text.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:]
    }
}
