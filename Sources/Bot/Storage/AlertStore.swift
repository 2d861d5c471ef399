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
}
