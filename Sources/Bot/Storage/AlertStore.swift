import Foundation
import GRDB

/// Alerts for the professional, each about the person it was raised for. An urgent one (a crisis)
/// is listed first wherever alerts are listed.
enum AlertStore {
    static func add(
        personID: Int64, kind: String, node: String? = nil, detail: String?, urgent: Bool = false, at now: Date,
        in db: any SQLConnection
    ) throws {
        try db.cachedStatement(sql: "INSERT INTO alert (personId, kind, node, detail, urgent, createdAt) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [personID, kind, node, detail, urgent, SQLDate(now)])
    }

    /// What waits for a professional now: open alerts, the urgent ones among them, and since when
    /// the oldest urgent one waits (nil when none does).
    struct Waiting: Sendable, Equatable {
        var all: Int
        var urgent: Int
        var oldestUrgent: Date?
    }

    static func waiting(in db: any SQLConnection) throws -> Waiting {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) AS open, COUNT(CASE WHEN urgent THEN 1 END) AS urgent, MIN(CASE WHEN urgent THEN createdAt END) AS oldest
                FROM alert WHERE handledAt IS NULL
                """)
        return Waiting(all: row?["open"] ?? 0, urgent: row?["urgent"] ?? 0, oldestUrgent: row?["oldest"])
    }

    /// An alert as the professionals' lists show it, with the inwoner it is about.
    struct Listed: Sendable, Equatable {
        var id: Int64
        var kind: String
        var node: String?
        var detail: String?
        var urgent: Bool
        var createdAt: Date
        var handledAt: Date?
        var note: String?
        var inwonerID: Int64
        /// Empty when the inwoner has not told their name.
        var inwonerName: String
        /// The role of the person the alert was raised for: inwoner, netwerk or mantelzorger.
        var role: String
        /// That person's name; empty when unknown.
        var aboutName: String
    }

    /// Open alerts of one professional's caseload and/or of one inwoner (nil: any), at most `limit`:
    /// urgent ones first, then the oldest first (by when raised, then id).
    static func open(professionalID: Int64? = nil, inwonerID: Int64? = nil, limit: Int, in db: any SQLConnection) throws -> [Listed] {
        try list(handled: false, professionalID: professionalID, inwonerID: inwonerID, limit: limit, in: db)
    }

    /// Handled alerts of one professional's caseload, the most recently handled first, at most `limit`.
    static func handled(professionalID: Int64, limit: Int, in db: any SQLConnection) throws -> [Listed] {
        try list(handled: true, professionalID: professionalID, inwonerID: nil, limit: limit, in: db)
    }

    /// The inwoner an alert is about, when that inwoner is on the professional's caseload; nil for
    /// anyone else's alert and for an unknown one.
    static func owner(alertID: Int64, professionalID: Int64, in db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT i.id FROM alert a JOIN person p ON p.id = a.personId JOIN person i ON i.id = (\(inwonerSQL(ofAlertPerson: "p")))
                WHERE a.id = ? AND i.professionalId = ?
                """, arguments: [alertID, professionalID])
    }

    /// Marks the alert handled at `now` with the professional's note. Only the first handling
    /// counts: an alert already handled keeps its moment and note, so handling it twice is harmless.
    static func markHandled(alertID: Int64, note: String?, at now: Date, in db: any SQLConnection) throws {
        try db.execute(sql: "UPDATE alert SET handledAt = ?, note = ? WHERE id = ? AND handledAt IS NULL", arguments: [now, note, alertID])
    }

    /// An open alert as the command line lists it, with the person it was raised for.
    struct Open: Sendable, Equatable {
        var id: Int64
        var createdAt: Date
        var kind: String
        var node: String?
        var detail: String?
        var urgent: Bool
        var phone: String?
        var name: String?
    }

    /// Every open alert of the deployment, whoever it is about: urgent ones first, then the oldest
    /// first (by when raised, then id).
    static func allOpen(in db: any SQLConnection) throws -> [Open] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.createdAt, a.kind, a.node, a.detail, a.urgent, p.phone, p.name FROM alert a JOIN person p ON p.id = a.personId
                WHERE a.handledAt IS NULL ORDER BY a.urgent DESC, a.createdAt, a.id
                """
        ).map {
            Open(
                id: $0["id"], createdAt: $0["createdAt"], kind: $0["kind"], node: $0["node"], detail: $0["detail"],
                urgent: $0["urgent"], phone: $0["phone"], name: $0["name"])
        }
    }

    /// The inwoner an alert is about, as SQL over the alert's person `p`: `p` itself, or the inwoner
    /// whose network member or mantelzorger `p` is. The one rule for the alert lists and the caseload's count.
    static func inwonerSQL(ofAlertPerson p: String) -> String {
        """
        CASE WHEN \(p).role = 'inwoner' THEN \(p).id ELSE COALESCE(
            (SELECT n.personId FROM networkMember n WHERE n.memberPersonId = \(p).id ORDER BY n.id LIMIT 1),
            (SELECT m.personId FROM mantelzorg m WHERE m.carerPersonId = \(p).id ORDER BY m.id LIMIT 1)) END
        """
    }

    private static func list(handled: Bool, professionalID: Int64?, inwonerID: Int64?, limit: Int, in db: any SQLConnection) throws
        -> [Listed]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.kind, a.node, a.detail, a.urgent, a.createdAt, a.handledAt, a.note, i.id AS inwonerId,
                       COALESCE(i.name, '') AS inwoner, p.role, COALESCE(p.name, '') AS about
                FROM alert a JOIN person p ON p.id = a.personId JOIN person i ON i.id = (\(inwonerSQL(ofAlertPerson: "p")))
                WHERE (a.handledAt IS NULL) = ? AND (CAST(?2 AS BIGINT) IS NULL OR i.professionalId = ?2) AND (CAST(?3 AS BIGINT) IS NULL OR i.id = ?3)
                ORDER BY \(handled ? "a.handledAt DESC" : "a.urgent DESC, a.createdAt, a.id") LIMIT ?4
                """, arguments: [!handled, professionalID, inwonerID, limit]
        ).map { row in
            Listed(
                id: row["id"], kind: row["kind"], node: row["node"], detail: row["detail"], urgent: row["urgent"],
                createdAt: row["createdAt"], handledAt: row["handledAt"], note: row["note"], inwonerID: row["inwonerId"],
                inwonerName: row["inwoner"], role: row["role"], aboutName: row["about"])
        }
    }
}
