import Foundation
import GRDB

/// Notes on an inwoner: ones the inwoner told in the chat (without a professional), and ones a
/// professional wrote. Append-only.
enum NoteStore {
    /// Something the inwoner told in the chat that answers no question.
    static func addFromChat(personID: Int64, text: String, at now: Date, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, NULL, ?, ?)")
            .execute(arguments: [personID, text, SQLDate(now)])
    }
}
