import Foundation
import GRDB

/// The 6-digit codes an inwoner logs in with. A code lives 10 minutes and allows 5 guesses; asking
/// for a new one replaces the old. Only a hash is kept: the code space is small, so the hash does
/// not stop someone holding the database, but nobody reading a log or a backup sees a live code.
enum LoginCodeStore {
    static let lifetime: TimeInterval = 10 * 60
    static let maxTries = 5

    enum Check: Equatable, Sendable {
        case valid
        /// Wrong; the code still allows this many guesses.
        case wrong(left: Int)
        /// No code (never asked, expired, used, or guessed wrong too often).
        case none
    }

    /// A new code for the person, replacing any earlier one; the code itself, to send.
    static func issue(personID: Int64, at now: Date, in db: any SQLConnection) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
        // Expired codes go whenever a code is asked for, so the table holds little more than live ones.
        try db.execute(sql: "DELETE FROM inwonerLoginCode WHERE expiresAt <= ?", arguments: [SQLDate(now)])
        try db.execute(
            sql: """
                INSERT INTO inwonerLoginCode (personId, codeHash, tries, createdAt, expiresAt) VALUES (?, ?, 0, ?, ?)
                ON CONFLICT (personId) DO UPDATE SET codeHash = excluded.codeHash, tries = 0,
                    createdAt = excluded.createdAt, expiresAt = excluded.expiresAt
                """, arguments: [personID, hash(code, personID: personID), SQLDate(now), SQLDate(now.addingTimeInterval(lifetime))])
        return code
    }

    /// Checks a guess. A right one uses the code up; a wrong one counts, and the last allowed wrong
    /// guess removes the code.
    static func check(_ code: String, personID: Int64, at now: Date, in db: any SQLConnection) throws -> Check {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT codeHash, tries FROM inwonerLoginCode WHERE personId = ? AND expiresAt > ?" + db.dialect.lockingRows,
                arguments: [personID, SQLDate(now)])
        else { return .none }
        let stored: String = row["codeHash"]
        if stored == hash(code, personID: personID) {
            try db.execute(sql: "DELETE FROM inwonerLoginCode WHERE personId = ?", arguments: [personID])
            return .valid
        }
        let tries = (row["tries"] as Int) + 1
        if tries >= maxTries {
            try db.execute(sql: "DELETE FROM inwonerLoginCode WHERE personId = ?", arguments: [personID])
            return .none
        }
        try db.execute(sql: "UPDATE inwonerLoginCode SET tries = ? WHERE personId = ?", arguments: [tries, personID])
        return .wrong(left: maxTries - tries)
    }

    private static func hash(_ code: String, personID: Int64) -> String {
        WebSessionStore.hash("\(personID):\(code)")
    }
}
