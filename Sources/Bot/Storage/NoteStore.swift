import Foundation
import GRDB

/// Notes about an inwoner: the professionals' own, and what the inwoner told in the chat outside
/// any question (a note without a professional, written by the conversation).
enum NoteStore {
    struct Note: Sendable, Equatable {
        var text: String
        var createdAt: Date
        /// The e-mail address of the professional who wrote it; nil for what the inwoner told in the chat.
        var author: String?
    }

    /// Adds a professional's note about the inwoner, dated `now`. Every call adds one.
    static func add(personID: Int64, professionalID: Int64, text: String, at now: Date, in db: any SQLConnection) throws {
        try db.execute(
            sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, ?, ?, ?)",
            arguments: [personID, professionalID, text, now])
    }

    /// The professionals' notes about the inwoner, the last written first, each with its author.
    /// A note whose author's account is gone is not listed.
    static func byProfessionals(personID: Int64, in db: any SQLConnection) throws -> [Note] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT n.text, n.createdAt, p.email FROM note n JOIN professional p ON p.id = n.professionalId
                WHERE n.personId = ? ORDER BY n.id DESC
                """, arguments: [personID]
        ).map { Note(text: $0["text"], createdAt: $0["createdAt"], author: $0["email"]) }
    }

    /// What the inwoner told in the chat that answered no question, the last told first.
    static func fromChat(personID: Int64, in db: any SQLConnection) throws -> [Note] {
        try Row.fetchAll(
            db, sql: "SELECT text, createdAt FROM note WHERE personId = ? AND professionalId IS NULL ORDER BY id DESC",
            arguments: [personID]
        ).map { Note(text: $0["text"], createdAt: $0["createdAt"], author: nil) }
    }

    /// Something the inwoner told in the chat that answers no question.
    static func addFromChat(personID: Int64, text: String, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, NULL, ?, ?)")
            .execute(arguments: [personID, text, SQLDate(now)])
    }
}
