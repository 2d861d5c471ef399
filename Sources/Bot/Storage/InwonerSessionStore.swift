import Foundation
import GRDB

/// Sessions of inwoners on Mijn Wegwijzer, apart from the professionals' (`WebSessionStore`): a
/// session names one person and reaches only their data. It ends after 30 minutes without a
/// request, or at logout. As there, the cookie's token is kept only as a hash.
enum InwonerSessionStore {
    static let idle: TimeInterval = 30 * 60

    struct Session: Sendable {
        var personID: Int64
        var csrfToken: String
    }

    /// A new session; the token for the cookie.
    static func create(personID: Int64, at now: Date, in db: any SQLConnection) throws -> String {
        let token = WebSessionStore.randomToken()
        try db.execute(sql: "DELETE FROM inwonerSession WHERE lastSeen <= ?", arguments: [SQLDate(now.addingTimeInterval(-idle))])
        try db.execute(
            sql: "INSERT INTO inwonerSession (tokenHash, personId, csrfToken, createdAt, lastSeen) VALUES (?, ?, ?, ?, ?)",
            arguments: [WebSessionStore.hash(token), personID, WebSessionStore.randomToken(), SQLDate(now), SQLDate(now)])
        return token
    }

    /// The live session of the token, its idle time started again; nil when there is none. An
    /// inwoner who has been erased has no sessions left (they go with the person).
    static func touch(token: String, at now: Date, in db: any SQLConnection) throws -> Session? {
        let hash = WebSessionStore.hash(token)
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT personId, csrfToken FROM inwonerSession WHERE tokenHash = ? AND lastSeen > ?",
                arguments: [hash, SQLDate(now.addingTimeInterval(-idle))])
        else { return nil }
        try db.execute(sql: "UPDATE inwonerSession SET lastSeen = ? WHERE tokenHash = ?", arguments: [SQLDate(now), hash])
        return Session(personID: row["personId"], csrfToken: row["csrfToken"])
    }

    static func delete(token: String, in db: any SQLConnection) throws {
        try db.execute(sql: "DELETE FROM inwonerSession WHERE tokenHash = ?", arguments: [WebSessionStore.hash(token)])
    }
}
