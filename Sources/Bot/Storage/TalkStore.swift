import Foundation
import GRDB

/// "Hier wil ik over praten": the leefgebieden an inwoner marked to talk about with their
/// professional, each with the moment it was marked, open until the professional clears it.
enum TalkStore {
    /// An open mark.
    struct Mark: Sendable, Equatable {
        var leefgebied: String
        var markedAt: Date
    }

    /// Marks a leefgebied. A mark that is still open keeps the moment it was first set; one the
    /// professional cleared opens again, from now. Marking twice is harmless.
    static func mark(personID: Int64, leefgebied: String, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO talkMark (personId, leefgebied, markedAt) VALUES (?, ?, ?)
                ON CONFLICT (personId, leefgebied) DO UPDATE SET markedAt = excluded.markedAt, clearedAt = NULL
                WHERE talkMark.clearedAt IS NOT NULL
                """
        ).execute(arguments: [personID, leefgebied, SQLDate(now)])
    }

    /// The inwoner's open marks, the earliest first (then by leefgebied).
    static func open(personID: Int64, in db: any SQLConnection) throws -> [Mark] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT leefgebied, markedAt FROM talkMark WHERE personId = ? AND clearedAt IS NULL ORDER BY markedAt, leefgebied"),
            arguments: [personID]
        ).map { Mark(leefgebied: $0["leefgebied"], markedAt: $0["markedAt"]) }
    }

    /// The open marks of every inwoner on a professional's caseload, by inwoner, each list the
    /// earliest first. Inwoners without an open mark are left out.
    static func open(professionalID: Int64, in db: any SQLConnection) throws -> [Int64: [String]] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT t.personId, t.leefgebied FROM talkMark t JOIN person p ON p.id = t.personId
                    WHERE p.professionalId = ? AND t.clearedAt IS NULL ORDER BY t.personId, t.markedAt, t.leefgebied
                    """), arguments: [professionalID])
        var marks: [Int64: [String]] = [:]
        for row in rows { marks[row["personId"], default: []].append(row["leefgebied"]) }
        return marks
    }

    /// The professional discussed it: clears an open mark. Returns whether one was open.
    static func clear(personID: Int64, leefgebied: String, at now: Date, in db: any SQLConnection) throws -> Bool {
        try db.cachedStatement(
            sql: "UPDATE talkMark SET clearedAt = ? WHERE personId = ? AND leefgebied = ? AND clearedAt IS NULL"
        ).execute(arguments: [SQLDate(now), personID, leefgebied])
        return db.changesCount > 0
    }
}
