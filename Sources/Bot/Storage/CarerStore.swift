import Dialog
import Foundation
import GRDB

/// Mantelzorgers who agreed to check-ins: their link to the inwoner they care for, their own
/// consent, and every check-in asked and answered. All operations run inside the caller's
/// transaction; a check-in is one row from the moment it is asked until it is answered or
/// counted as unanswered.
enum CarerStore {
    /// A mantelzorger the inwoner named, with what inviting them needs.
    struct Link: Sendable {
        var inwonerID: Int64
        var phone: String
        /// Set once the mantelzorger is a person we can write to.
        var carerPersonID: Int64?
    }

    /// The mantelzorger of `carerLinkID` when they may be invited: one who receives care from the
    /// inwoner's side, has a phone, was agreed to be asked, and has not answered an invitation yet.
    static func toInvite(carerLinkID: Int64, in db: any SQLConnection) throws -> Link? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT personId, phone, carerPersonId, carerConsent, checkin FROM mantelzorg WHERE id = ? AND direction = 'ontvangt'
                        """), arguments: [carerLinkID]),
            (row["checkin"] as Bool?) == true, let phone: String = row["phone"], row["carerConsent"] as String? == nil
        else { return nil }
        return Link(inwonerID: row["personId"], phone: phone, carerPersonID: row["carerPersonId"])
    }

    /// The names an invitation speaks of: the mantelzorger's own, and the inwoner's ("" when unknown).
    static func invitationNames(carerID: Int64, in db: any SQLConnection) throws -> (carer: String, inwoner: String)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT m.name, COALESCE(p.name, '') AS inwoner FROM mantelzorg m JOIN person p ON p.id = m.personId
                    WHERE m.carerPersonId = ? ORDER BY m.id DESC LIMIT 1
                    """), arguments: [carerID]
        ).map { (($0["name"] as String?) ?? "", $0["inwoner"]) }
    }

    /// The invitation went out; an answer already given stays.
    static func markInvited(carerID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE mantelzorg SET carerConsent = 'invited' WHERE carerPersonId = ? AND carerConsent IS NULL")
            .execute(arguments: [carerID])
    }

    /// The mantelzorger's own answer to the invitation, for every inwoner they are linked to.
    static func setConsent(carerID: Int64, granted: Bool, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE mantelzorg SET carerConsent = ? WHERE carerPersonId = ?")
            .execute(arguments: [granted ? "accepted" : "declined", carerID])
    }

    /// The mantelzorger sent STOP: no check-ins any more, for any inwoner.
    static func stopped(carerID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE mantelzorg SET carerConsent = 'stopped' WHERE carerPersonId = ?").execute(arguments: [carerID])
    }

    /// For a mantelzorger who said yes: the inwoner (the latest link) and the days between check-ins.
    static func accepted(carerID: Int64, in db: any SQLConnection) throws -> (inwonerID: Int64, everyDays: Int)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT personId, checkinEveryDays FROM mantelzorg WHERE carerPersonId = ? AND carerConsent = 'accepted' ORDER BY id DESC LIMIT 1
                    """), arguments: [carerID]
        ).map { ($0["personId"], $0["checkinEveryDays"]) }
    }

    /// Check-ins still waiting for an answer are counted as unanswered; returns whether each of the
    /// latest `limit` quick check-ins was answered, newest first.
    static func closeUnanswered(carerID: Int64, limit: Int, in db: any SQLConnection) throws -> [Bool] {
        try db.cachedStatement(sql: "UPDATE checkin SET status = 'unanswered' WHERE carerPersonId = ? AND status = 'asked'")
            .execute(arguments: [carerID])
        return try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT status FROM checkin WHERE carerPersonId = ? AND kind = 'quick' ORDER BY id DESC LIMIT ?
                    """), arguments: [carerID, limit]
        ).map { $0 != "unanswered" }
    }

    /// A check-in was asked: `quick`, or an instrument's id for the full questionnaire.
    static func asked(_ kind: String, carerID: Int64, inwonerID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "INSERT INTO checkin (carerPersonId, inwonerId, kind, askedAt) VALUES (?, ?, ?, ?)")
            .execute(arguments: [carerID, inwonerID, kind, SQLDate(now)])
    }

    /// The latest check-in of a kind: its row id, the inwoner, and whether a result was stored for it before.
    static func latest(_ kind: String, carerID: Int64, in db: any SQLConnection) throws -> (id: Int64, inwonerID: Int64, hasResult: Bool)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, inwonerId, result IS NOT NULL AS hasResult FROM checkin WHERE carerPersonId = ? AND kind = ? ORDER BY id DESC LIMIT 1
                    """), arguments: [carerID, kind]
        ).map { ($0["id"], $0["inwonerId"], $0["hasResult"]) }
    }

    /// The quick score came in for check-in `id`; returns the answered quick scores, newest first,
    /// this one included (at most `limit`).
    static func answerQuick(id: Int64, carerID: Int64, score: Int, limit: Int, at now: Date, in db: any SQLConnection) throws -> [Int] {
        try db.cachedStatement(sql: "UPDATE checkin SET status = 'answered', score = ?, answeredAt = ? WHERE id = ?")
            .execute(arguments: [score, SQLDate(now), id])
        return try Int.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT score FROM checkin WHERE carerPersonId = ? AND kind = 'quick' AND status = 'answered' ORDER BY id DESC LIMIT ?
                    """), arguments: [carerID, limit])
    }

    /// The score of the inwoner's latest quick check-in for themselves (as mantelzorger of someone
    /// else, asked in the intake), when no questionnaire was asked of them since; nil otherwise.
    static func ownQuickWithoutQuestionnaire(inwonerID: Int64, in db: any SQLConnection) throws -> Int? {
        try Int.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT c.score FROM checkin c WHERE c.carerPersonId = ?1 AND c.inwonerId = ?1 AND c.kind = 'quick' AND c.status = 'answered'
                    AND NOT EXISTS (SELECT 1 FROM checkin q WHERE q.carerPersonId = ?1 AND q.kind != 'quick' AND q.id > c.id)
                    ORDER BY c.id DESC LIMIT 1
                    """), arguments: [inwonerID])
    }

    /// When the questionnaire `kind` was last answered in full or in part.
    static func lastAnswered(_ kind: String, carerID: Int64, in db: any SQLConnection) throws -> Date? {
        try Date.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT answeredAt FROM checkin WHERE carerPersonId = ? AND kind = ? AND status = 'answered' ORDER BY id DESC LIMIT 1
                    """), arguments: [carerID, kind])
    }

    /// The questionnaire's result for check-in `id`: its score, band and the whole result as JSON.
    static func answerQuestionnaire(id: Int64, result: InstrumentResult, at now: Date, in db: any SQLConnection) throws {
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        try db.cachedStatement(sql: "UPDATE checkin SET status = 'answered', score = ?, band = ?, result = ?, answeredAt = ? WHERE id = ?")
            .execute(arguments: [result.score, result.band, json, SQLDate(now), id])
    }
}
