import Dialog
import Foundation
import GRDB

/// A person as the web view and the command line show and change them: who they are, and their
/// own send window.
extension PersonStore {
    struct Profile: Sendable, Equatable {
        /// Nil when the person has not told their name.
        var name: String?
        var phone: String?
        var language: Language
        var optedOut: Bool
        var createdAt: Date
    }

    /// The person, or nil when there is nobody with this id.
    static func profile(personID: Int64, in db: any SQLConnection) throws -> Profile? {
        try Row.fetchOne(db, sql: "SELECT name, phone, language, optedOut, createdAt FROM person WHERE id = ?", arguments: [personID])
            .map { row in
                Profile(
                    name: row["name"], phone: row["phone"], language: (row["language"] as String?).flatMap(Language.init(rawValue:)) ?? .nl,
                    optedOut: row["optedOut"], createdAt: row["createdAt"])
            }
    }

    /// The person's name; nil when they have not told it or there is nobody with this id.
    static func name(personID: Int64, in db: any SQLConnection) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [personID])
    }

    /// True when the person is an inwoner (false for a network member, a mantelzorger, or an unknown id).
    static func isInwoner(personID: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT role = 'inwoner' FROM person WHERE id = ?", arguments: [personID]) == true
    }

    /// Gives the person their own send window (JSON, as `sendWindow` returns it), or with nil the
    /// deployment's again. Jobs already planned are not moved: that is the caller's.
    static func setSendWindow(_ json: String?, personID: Int64, in db: any SQLConnection) throws {
        try db.execute(sql: "UPDATE person SET sendWindow = ? WHERE id = ?", arguments: [json, personID])
    }
}
