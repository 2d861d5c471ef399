import Foundation
import GRDB

/// Who viewed or changed which inwoner, when. Rows name the event and the ids, never personal data,
/// and stay after an inwoner is erased (the erasure itself is an event).
enum AuditLog {
    static func record(_ event: String, professionalID: Int64?, personID: Int64?, at now: Date, in db: any SQLConnection) throws {
        try db.execute(
            sql: "INSERT INTO audit (professionalId, personId, event, at) VALUES (?, ?, ?, ?)",
            arguments: [professionalID, personID, event, now])
    }

    struct Entry: Sendable {
        var at: Date
        var email: String?
        var personID: Int64?
        var event: String
    }

    static func recent(limit: Int, personID: Int64? = nil, in db: any SQLConnection) throws -> [Entry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.at, p.email, a.personId, a.event FROM audit a LEFT JOIN professional p ON p.id = a.professionalId
                WHERE CAST(?1 AS BIGINT) IS NULL OR a.personId = ?1 ORDER BY a.id DESC LIMIT ?2
                """, arguments: [personID, limit]
        )
        .map { Entry(at: $0["at"], email: $0["email"], personID: $0["personId"], event: $0["event"]) }
    }
}
