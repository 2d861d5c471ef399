@testable import Bot
import Foundation
import GRDB

/// Rows for the store contract tests, written straight into the tables, so a test sees only the
/// store operation it is about.
enum StoreSeed {
    static let now = Fixtures.start

    static func at(minutes: Double) -> Date { now.addingTimeInterval(minutes * 60) }

    @discardableResult
    static func professional(_ email: String, admin: Bool = false, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO professional (email, passwordHash, role, createdAt) VALUES (?, 'x', ?, ?)",
                       arguments: [email, admin ? "admin" : "professional", now])
        return db.lastInsertedRowID
    }

    @discardableResult
    static func person(_ role: String = "inwoner", phone: String? = nil, name: String? = nil, professionalID: Int64? = nil,
                       optedOut: Bool = false, at date: Date = now, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO person (role, phone, name, professionalId, optedOut, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [role, phone, name, professionalID, optedOut, date])
        return db.lastInsertedRowID
    }

    @discardableResult
    static func goal(_ personID: Int64, text: String = "Doel", rank: Int = 1, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO goal (personId, localId, text, rank, createdAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [personID, "g\(rank)-\(text)", text, rank, now])
        return db.lastInsertedRowID
    }

    @discardableResult
    static func action(_ personID: Int64, goalID: Int64, what: String, status: String = "gepland", due: String? = nil,
                       in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO action (personId, goalId, localId, what, ownerKind, dueDate, status, createdAt) VALUES (?, ?, ?, ?, 'inwoner', ?, ?, ?)
            """, arguments: [personID, goalID, "a-\(what)", what, due, status, now])
        return db.lastInsertedRowID
    }

    /// A network member of the inwoner; with `personID` they are a person we write to.
    @discardableResult
    static func member(of inwonerID: Int64, name: String, phone: String? = nil, invitation: String? = nil, personID: Int64? = nil,
                       in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO networkMember (personId, localId, name, phone, invitation, memberPersonId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [inwonerID, "n-\(name)", name, phone, invitation, personID, now])
        return db.lastInsertedRowID
    }

    static func carer(of inwonerID: Int64, personID: Int64, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO mantelzorg (personId, localId, direction, name, carerPersonId, createdAt) VALUES (?, ?, 'ontvangt', 'Mo', ?, ?)
            """, arguments: [inwonerID, "m-\(personID)", personID, now])
    }

    @discardableResult
    static func alert(_ personID: Int64, kind: String = "contact", urgent: Bool = false, at date: Date = now, handledAt: Date? = nil,
                      in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO alert (personId, kind, detail, urgent, createdAt, handledAt) VALUES (?, ?, 'd', ?, ?, ?)",
                       arguments: [personID, kind, urgent, date, handledAt])
        return db.lastInsertedRowID
    }

    @discardableResult
    static func message(_ personID: Int64, _ direction: String, _ text: String, at date: Date = now, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO message (personId, direction, channel, text, createdAt) VALUES (?, ?, 'sms', ?, ?)",
                       arguments: [personID, direction, text, date])
        return db.lastInsertedRowID
    }
}
