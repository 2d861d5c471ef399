import Foundation
import GRDB

/// Alerts for the professional, each about the person it was raised for. An urgent one (a crisis)
/// is listed first wherever alerts are listed.
enum AlertStore {
    static func add(personID: Int64, kind: String, node: String? = nil, detail: String?, urgent: Bool = false, at now: Date,
                    in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO alert (personId, kind, node, detail, urgent, createdAt) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [personID, kind, node, detail, urgent, SQLDate(now)])
    }

    /// What waits for a professional now: open alerts, the urgent ones among them, and since when
    /// the oldest urgent one waits (nil when none does).
    struct Open: Sendable, Equatable {
        var all: Int
        var urgent: Int
        var oldestUrgent: Date?
    }

    static func open(in db: Database) throws -> Open {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS open, COALESCE(SUM(urgent), 0) AS urgent, MIN(CASE WHEN urgent THEN createdAt END) AS oldest
            FROM alert WHERE handledAt IS NULL
            """)
        return Open(all: row?["open"] ?? 0, urgent: row?["urgent"] ?? 0, oldestUrgent: row?["oldest"])
    }
}
