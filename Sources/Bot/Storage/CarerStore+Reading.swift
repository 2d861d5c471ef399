import Foundation
import GRDB

/// The mantelzorgers' check-ins as professionals and the command line read them, and how often a
/// mantelzorger is asked. Asking and answering are in `CarerStore` itself, for the scheduler.
extension CarerStore {
    /// The check-ins about one inwoner, from all their mantelzorgers, in the order they were asked.
    static func checkins(about inwonerID: Int64, in db: any SQLConnection) throws -> [CarerCheckin] {
        try checkins(where: "c.inwonerId = ?1", personID: inwonerID, in: db)
    }

    /// The check-ins a person is part of, as the mantelzorger asked or as the inwoner cared for, in
    /// the order they were asked.
    static func checkins(involving personID: Int64, in db: any SQLConnection) throws -> [CarerCheckin] {
        try checkins(where: "c.carerPersonId = ?1 OR c.inwonerId = ?1", personID: personID, in: db)
    }

    /// From now on the mantelzorger is asked every `days` days, for every inwoner they care for.
    /// False when the person is nobody's mantelzorger (nothing changed). Setting the same number again is harmless.
    static func setCheckinInterval(days: Int, carerPersonID: Int64, in db: any SQLConnection) throws -> Bool {
        try db.execute(sql: "UPDATE mantelzorg SET checkinEveryDays = ? WHERE carerPersonId = ?", arguments: [days, carerPersonID])
        return db.changesCount > 0
    }

    private static func checkins(where condition: String, personID: Int64, in db: any SQLConnection) throws -> [CarerCheckin] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT c.carerPersonId, c.kind, c.status, c.score, c.band, c.askedAt, p.name
                FROM checkin c JOIN person p ON p.id = c.carerPersonId WHERE \(condition) ORDER BY c.id
                """, arguments: [personID]
        ).map { row in
            CarerCheckin(
                carerID: row["carerPersonId"], carerName: row["name"], kind: row["kind"], status: row["status"],
                score: row["score"], band: row["band"], askedAt: row["askedAt"])
        }
    }
}
