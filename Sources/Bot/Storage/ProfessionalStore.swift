import Foundation
import GRDB

/// The professionals who log in to the web view. Passwords are stored only as bcrypt hashes.
enum ProfessionalStore {
    struct Professional: Sendable, Equatable {
        var id: Int64
        var email: String
        var isAdmin: Bool
    }

    struct AlreadyExists: Error, CustomStringConvertible {
        var description: String { "a professional with this e-mail address already exists" }
    }

    static func add(email: String, passwordHash: String, admin: Bool, at now: Date, in db: any SQLConnection) throws -> Int64 {
        if try Int64.fetchOne(db, sql: "SELECT id FROM professional WHERE lower(email) = lower(?)", arguments: [email]) != nil {
            throw AlreadyExists()
        }
        try db.execute(
            sql: "INSERT INTO professional (email, passwordHash, role, createdAt) VALUES (?, ?, ?, ?)",
            arguments: [email, passwordHash, admin ? "admin" : "professional", now])
        return try db.lastInsertedRowID
    }

    /// The professional and their password hash, to check a login.
    static func credentials(email: String, in db: any SQLConnection) throws -> (Professional, String)? {
        try Row.fetchOne(
            db, sql: "SELECT id, email, role, passwordHash FROM professional WHERE lower(email) = lower(?)", arguments: [email]
        )
        .map { (professional($0), $0["passwordHash"]) }
    }

    static func find(email: String, in db: any SQLConnection) throws -> Professional? {
        try Row.fetchOne(db, sql: "SELECT id, email, role FROM professional WHERE lower(email) = lower(?)", arguments: [email]).map(
            professional)
    }

    /// True when a professional with this id has an account.
    static func exists(id: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM professional WHERE id = ?", arguments: [id]) == true
    }

    /// Every professional, by e-mail address (ignoring case).
    static func all(in db: any SQLConnection) throws -> [Professional] {
        try Row.fetchAll(db, sql: "SELECT id, email, role FROM professional ORDER BY lower(email), id").map(professional)
    }

    static func professional(_ row: Row) -> Professional {
        Professional(id: row["id"], email: row["email"], isAdmin: (row["role"] as String) == "admin")
    }

    /// How an inwoner reaches a professional.
    struct Contact: Sendable, Equatable {
        var email: String
        var name: String?
        var phone: String?
    }

    /// The name and phone an inwoner reaches the professional by; nil leaves a field as it is.
    static func setContact(email: String, name: String?, phone: String?, in db: any SQLConnection) throws -> Bool {
        try db.execute(
            sql: "UPDATE professional SET name = COALESCE(?, name), phone = COALESCE(?, phone) WHERE lower(email) = lower(?)",
            arguments: [name, phone, email])
        return db.changesCount > 0
    }

    /// The professional whose caseload the inwoner is on, as the inwoner reaches them; nil when none.
    static func contact(ofInwoner personID: Int64, in db: any SQLConnection) throws -> Contact? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT pr.email, pr.name, pr.phone FROM professional pr JOIN person p ON p.professionalId = pr.id
                WHERE p.id = ? AND p.role = 'inwoner'
                """, arguments: [personID]
        ).map { Contact(email: $0["email"], name: $0["name"], phone: $0["phone"]) }
    }

    /// The inwoner joins this professional's caseload.
    static func assign(personID: Int64, to professionalID: Int64, in db: any SQLConnection) throws {
        try db.execute(sql: "UPDATE person SET professionalId = ? WHERE id = ? AND role = 'inwoner'", arguments: [professionalID, personID])
    }

    /// A professional with the size of their caseload.
    struct Account: Sendable, Equatable {
        var professional: Professional
        /// The people assigned to them.
        var caseload: Int
    }

    /// Every professional with their caseload's size, by e-mail address (ignoring case).
    static func accounts(in db: any SQLConnection) throws -> [Account] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.email, p.role, (SELECT COUNT(*) FROM person i WHERE i.professionalId = p.id) AS caseload
                FROM professional p ORDER BY lower(p.email), p.id
                """
        ).map { Account(professional: professional($0), caseload: $0["caseload"]) }
    }
}
