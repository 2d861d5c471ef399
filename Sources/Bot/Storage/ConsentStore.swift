import Foundation
import GRDB

/// Every consent asked, as it was asked: append-only, the latest for a person and purpose counts.
enum ConsentStore {
    struct Consent: Sendable {
        var personID: Int64
        /// What it is for (`herinneringen_netwerk`, `mantelzorg_checkin_eigen`, ...).
        var purpose: String?
        var granted: Bool
        /// What it is about within that purpose (a member's local id, an action's id).
        var subject: String?
        var textKey: String
        /// The words exactly as the person saw them.
        var textShown: String
        /// `flow@version` that asked.
        var flowVersion: String
        var channel: String
    }

    static func add(_ consent: Consent, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO consent (personId, purpose, granted, subject, textKey, textShown, flowVersion, channel, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            consent.personID, consent.purpose, consent.granted, consent.subject, consent.textKey, consent.textShown,
            consent.flowVersion, consent.channel, SQLDate(now)
        ])
    }

    /// A consent as it stands now: the latest answer for its purpose and subject.
    struct Standing: Sendable, Equatable {
        var purpose: String
        var subject: String?
        var granted: Bool
        var textShown: String
        var givenAt: Date
    }

    /// Every purpose and subject the person was asked about, with their latest answer, oldest first.
    static func standing(personID: Int64, in db: any SQLConnection) throws -> [Standing] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT purpose, subject, granted, textShown, createdAt FROM consent
                WHERE id IN (SELECT MAX(id) FROM consent WHERE personId = ? AND purpose IS NOT NULL GROUP BY purpose, subject)
                ORDER BY id
                """, arguments: [personID]
        ).map {
            Standing(
                purpose: $0["purpose"], subject: $0["subject"], granted: $0["granted"], textShown: $0["textShown"], givenAt: $0["createdAt"]
            )
        }
    }
}
