import Foundation
import GRDB

/// The mantelzorgers' check-ins as professionals and the command line read them, and how often a
/// mantelzorger is asked. Asking and answering are the scheduler's (`CarerCheckins`).
enum CheckinStore {
    /// One check-in: a quick 0–10 question or a questionnaire, asked of a mantelzorger about an inwoner.
    struct Entry: Sendable, Equatable {
        var carerID: Int64
        /// Nil when the mantelzorger has not told their name.
        var carerName: String?
        /// `quick`, or the questionnaire's name.
        var kind: String
        /// asked, answered or unanswered.
        var status: String
        var score: Int?
        var band: String?
        var askedAt: Date
    }

    /// The check-ins about one inwoner, from all their mantelzorgers, in the order they were asked.
    static func about(inwonerID: Int64, in db: Database) throws -> [Entry] {
        try entries(where: "c.inwonerId = ?1", personID: inwonerID, in: db)
    }

    /// The check-ins a person is part of, as the mantelzorger asked or as the inwoner cared for, in
    /// the order they were asked.
    static func involving(personID: Int64, in db: Database) throws -> [Entry] {
        try entries(where: "c.carerPersonId = ?1 OR c.inwonerId = ?1", personID: personID, in: db)
    }

    /// From now on the mantelzorger is asked every `days` days, for every inwoner they care for.
    /// False when the person is nobody's mantelzorger (nothing changed). Setting the same number again is harmless.
    static func setInterval(days: Int, carerPersonID: Int64, in db: Database) throws -> Bool {
        try db.execute(sql: "UPDATE mantelzorg SET checkinEveryDays = ? WHERE carerPersonId = ?", arguments: [days, carerPersonID])
        return db.changesCount > 0
    }

    private static func entries(where condition: String, personID: Int64, in db: Database) throws -> [Entry] {
        try Row.fetchAll(db, sql: """
            SELECT c.carerPersonId, c.kind, c.status, c.score, c.band, c.askedAt, p.name
            FROM checkin c JOIN person p ON p.id = c.carerPersonId WHERE \(condition) ORDER BY c.id
            """, arguments: [personID]).map { row in
            Entry(carerID: row["carerPersonId"], carerName: row["name"], kind: row["kind"], status: row["status"],
                  score: row["score"], band: row["band"], askedAt: row["askedAt"])
        }
    }
}
