import Foundation
import GRDB

/// The AVG right to erasure: an inwoner and everything about them go, for good.
enum Erasure {
    /// Deletes the inwoner with all their rows (the schema cascades to messages, outbox, jobs, answers,
    /// plan, alerts, notes), and the network members and mantelzorgers we only knew through them.
    /// With `secure_delete` on, the freed pages are zeroed; the caller checkpoints the WAL afterwards
    /// (`AppDatabase.checkpoint`), so no old copy of an erased row stays behind in it.
    static func erase(personID: Int64, in db: Database) throws {
        let linked = try Int64.fetchAll(db, sql: """
            SELECT memberPersonId FROM networkMember WHERE personId = ?1 AND memberPersonId IS NOT NULL
            UNION SELECT carerPersonId FROM mantelzorg WHERE personId = ?1 AND carerPersonId IS NOT NULL
            """, arguments: [personID])
        try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [personID])
        for other in linked where try !isLinkedElsewhere(other, in: db) {
            try db.execute(sql: "DELETE FROM person WHERE id = ? AND role != 'inwoner'", arguments: [other])
        }
    }

    /// A member or carer who also helps another inwoner (or is one) stays.
    private static func isLinkedElsewhere(_ personID: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM networkMember WHERE memberPersonId = ?1)
                OR EXISTS (SELECT 1 FROM mantelzorg WHERE carerPersonId = ?1)
                OR EXISTS (SELECT 1 FROM person WHERE id = ?1 AND role = 'inwoner')
            """, arguments: [personID]) ?? true
    }

}
