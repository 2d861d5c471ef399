import Crypto
import Foundation
import GRDB

/// Login sessions of the web view. The cookie carries a random token; the database keeps only its
/// SHA-256, so a copy of the database does not let anyone log in. Each session has its own CSRF token.
enum WebSessionStore {
    struct Session: Sendable {
        var professional: ProfessionalStore.Professional
        var csrfToken: String
    }

    /// A new session; returns the token for the cookie.
    static func create(professionalID: Int64, lifetime: TimeInterval, at now: Date, in db: any SQLConnection) throws -> String {
        let token = randomToken()
        try db.execute(sql: "DELETE FROM webSession WHERE expiresAt < ?", arguments: [now])
        try db.execute(
            sql: "INSERT INTO webSession (tokenHash, professionalId, csrfToken, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [hash(token), professionalID, randomToken(), now, now.addingTimeInterval(lifetime)])
        return token
    }

    static func find(token: String, at now: Date, in db: any SQLConnection) throws -> Session? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT p.id, p.email, p.role, s.csrfToken FROM webSession s JOIN professional p ON p.id = s.professionalId
                WHERE s.tokenHash = ? AND s.expiresAt > ?
                """, arguments: [hash(token), now]
        )
        .map { Session(professional: ProfessionalStore.professional($0), csrfToken: $0["csrfToken"]) }
    }

    static func delete(token: String, in db: any SQLConnection) throws {
        try db.execute(sql: "DELETE FROM webSession WHERE tokenHash = ?", arguments: [hash(token)])
    }

    /// 32 bytes from the system's cryptographic generator, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
