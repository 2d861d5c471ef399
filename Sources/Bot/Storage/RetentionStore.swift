import Foundation
import GRDB

/// What the bewaartermijn needs: when each inwoner was last active, and whether their professional
/// was told that the inwoner's data will be erased (a `bewaartermijn` signal).
///
/// Activity is what a person does with the inwoner's file: a message from the inwoner, an action
/// added or changed (by the inwoner's answer or in the web view), and a change in the web view (an
/// enrolment, a note, a plan sent, an assignment). Viewing, exporting, and handling a signal are
/// not activity: they would keep a file alive by looking at it.
enum RetentionStore {
    static let noticeKind = "bewaartermijn"

    struct Inactive: Sendable, Equatable {
        var personID: Int64
        var lastActivity: Date
        /// When the professional was told, by a signal raised after the last activity; nil: not yet.
        var noticeAt: Date?
    }

    /// The web view's audit events that change an inwoner's file.
    private static let changes =
        "u.event IN ('aangemeld', 'actie toegevoegd', 'actie gewijzigd', 'notitie', 'plan verstuurd') OR u.event LIKE 'toegewezen%'"

    /// The latest of the moments that count as activity (one aggregate over a union: PostgreSQL has
    /// no scalar MAX of several values).
    private static let lastActivity = """
        (SELECT MAX(t.at) FROM (
            SELECT p.createdAt AS at
            UNION ALL SELECT c.lastInboundAt FROM contact c WHERE c.personId = p.id
            UNION ALL SELECT a.createdAt FROM action a WHERE a.personId = p.id
            UNION ALL SELECT a.evaluatedAt FROM action a WHERE a.personId = p.id
            UNION ALL SELECT u.at FROM audit u WHERE u.personId = p.id AND (\(changes))) AS t)
        """

    /// Inwoners with no activity since `cutoff`, longest inactive first.
    static func inactive(since cutoff: Date, in db: any SQLConnection) throws -> [Inactive] {
        try Row.fetchAll(db, sql: query(""), arguments: [SQLDate(cutoff)]).map(inactive)
    }

    /// The inwoner as `inactive` sees them now; nil when they are active since `cutoff` (or gone).
    /// Read in the transaction that erases, so an inwoner who wrote meanwhile is kept.
    static func stillInactive(personID: Int64, since cutoff: Date, in db: any SQLConnection) throws -> Inactive? {
        try Row.fetchOne(db, sql: query("AND p.id = ?"), arguments: [personID, SQLDate(cutoff)]).map(inactive)
    }

    private static func query(_ filter: String) -> String {
        """
        SELECT x.id, x.lastActivity,
               (SELECT MAX(l.createdAt) FROM alert l
                WHERE l.personId = x.id AND l.kind = '\(noticeKind)' AND l.createdAt > x.lastActivity) AS noticeAt
        FROM (SELECT p.id, \(lastActivity) AS lastActivity FROM person p WHERE p.role = 'inwoner' \(filter)) x
        WHERE x.lastActivity < ? ORDER BY x.lastActivity, x.id
        """
    }

    private static func inactive(_ row: Row) -> Inactive {
        Inactive(personID: row["id"], lastActivity: row["lastActivity"], noticeAt: row["noticeAt"])
    }

    /// Tells the inwoner's professional by a `bewaartermijn` signal that the data will be erased from
    /// `eraseFrom` unless something happens before. Idempotent on the inwoner and their last
    /// activity: while no new activity comes, a second call adds nothing. True when it raised one.
    @discardableResult
    static func notify(personID: Int64, lastActivity: Date, detail: String, at now: Date, in db: any SQLConnection) throws -> Bool {
        let told =
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM alert WHERE personId = ? AND kind = '\(noticeKind)' AND createdAt > ?)
                    """, arguments: [personID, SQLDate(lastActivity)]) ?? false
        guard !told else { return false }
        try AlertStore.add(personID: personID, kind: noticeKind, detail: detail, at: now, in: db)
        return true
    }
}
