import Foundation
import GRDB

/// One-time login links a professional sends an inwoner: valid 24 hours, used once.
enum LoginLinkStore {
    static let lifetime: TimeInterval = 24 * 3600

    /// A new link token for the person (earlier links stay valid until used or expired).
    static func create(personID: Int64, professionalID: Int64, at now: Date, in db: any SQLConnection) throws -> String {
        let token = WebSessionStore.randomToken()
        try db.execute(sql: "DELETE FROM inwonerLoginLink WHERE expiresAt <= ?", arguments: [SQLDate(now)])
        try db.execute(
            sql: "INSERT INTO inwonerLoginLink (tokenHash, personId, professionalId, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                WebSessionStore.hash(token), personID, professionalID, SQLDate(now), SQLDate(now.addingTimeInterval(lifetime))
            ])
        return token
    }

    /// Whether the token is a live link, without using it (the page that asks "log in?").
    static func isValid(_ token: String, at now: Date, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM inwonerLoginLink WHERE tokenHash = ? AND expiresAt > ?)",
            arguments: [WebSessionStore.hash(token), SQLDate(now)]) ?? false
    }

    /// Uses the link: the person it was for, or nil when it is unknown, used or expired.
    static func use(_ token: String, at now: Date, in db: any SQLConnection) throws -> Int64? {
        let hash = WebSessionStore.hash(token)
        let personID = try Int64.fetchOne(
            db, sql: "SELECT personId FROM inwonerLoginLink WHERE tokenHash = ? AND expiresAt > ?", arguments: [hash, SQLDate(now)])
        try db.execute(sql: "DELETE FROM inwonerLoginLink WHERE tokenHash = ?", arguments: [hash])
        return personID
    }
}
