import Foundation
import GRDB

/// One-time links for the omgeving's view in a browser (`/omgeving/TOKEN`): 14 days, used once.
enum OmgevingLinkStore {
    static let lifetime: TimeInterval = 14 * 24 * 3600

    /// A new link for an invitation; the token for the URL.
    static func create(viewID: Int64, professionalID: Int64?, at now: Date, in db: any SQLConnection) throws -> String {
        let token = WebSessionStore.randomToken()
        try db.execute(sql: "DELETE FROM omgevingLink WHERE expiresAt <= ?", arguments: [SQLDate(now)])
        try db.execute(
            sql: "INSERT INTO omgevingLink (tokenHash, viewId, professionalId, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [WebSessionStore.hash(token), viewID, professionalID, SQLDate(now), SQLDate(now.addingTimeInterval(lifetime))])
        return token
    }

    /// The invitation of a live link; nil when it is unknown, used or expired.
    static func viewID(_ token: String, at now: Date, in db: any SQLConnection) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT viewId FROM omgevingLink WHERE tokenHash = ? AND expiresAt > ?",
            arguments: [WebSessionStore.hash(token), SQLDate(now)])
    }

    /// Uses the link up, and every other link to the same invitation with it.
    static func use(viewID: Int64, in db: any SQLConnection) throws {
        try db.execute(sql: "DELETE FROM omgevingLink WHERE viewId = ?", arguments: [viewID])
    }
}
