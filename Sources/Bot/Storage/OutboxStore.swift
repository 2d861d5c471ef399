import Foundation
import GRDB

enum OutboxStore {
    private static let select = """
        SELECT o.id, o.personId, o.channel, m.text,
               COALESCE((SELECT address FROM contact c WHERE c.personId = o.personId AND c.channel = o.channel), '') AS address
        FROM outbox o JOIN message m ON m.id = o.messageId
        """

    private static func outgoing(_ row: Row) -> OutgoingMessage {
        OutgoingMessage(
            outboxID: row["id"], personID: row["personId"], channel: row["channel"],
            address: row["address"], text: row["text"])
    }

    /// What was sent in answer to an inbound message, for a provider that sends it again: replies
    /// that travelled in the HTTP response have no outbox row (their `outboxID` is 0).
    static func replies(to messageID: Int64, in db: any SQLConnection) throws -> [OutgoingMessage] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT COALESCE(o.id, 0) AS id, m.personId, m.channel, m.text,
                       COALESCE((SELECT address FROM contact c WHERE c.personId = m.personId AND c.channel = m.channel), '') AS address
                FROM message m LEFT JOIN outbox o ON o.messageId = m.id
                WHERE m.replyTo = ? AND m.direction = 'out' ORDER BY m.id
                """, arguments: [messageID]
        ).map(outgoing)
    }

    static func pending(channel: String, personID: Int64? = nil, in db: any SQLConnection) throws -> [OutgoingMessage] {
        if let personID {
            return try Row.fetchAll(
                db, sql: select + " WHERE o.channel = ? AND o.status = 'pending' AND o.personId = ? ORDER BY o.id",
                arguments: [channel, personID]
            ).map(outgoing)
        }
        return try Row.fetchAll(
            db, sql: select + " WHERE o.channel = ? AND o.status = 'pending' ORDER BY o.id",
            arguments: [channel]
        ).map(outgoing)
    }

    /// Messages waiting for the person that were stored before `messageID` (an answer the web chat
    /// applied, whose page showed them) stop waiting: marked failed with `reason`, so no channel
    /// asks again what was answered in the browser. One being sent right now (leased past `now`) is
    /// left to the dispatcher. Returns how many stopped; rows of other people are left alone.
    @discardableResult
    static func cancelShown(personID: Int64, before messageID: Int64, at now: Date, reason: String, in db: any SQLConnection) throws -> Int
    {
        try db.execute(
            sql: """
                UPDATE outbox SET status = 'failed', leaseUntil = NULL, lastError = ?
                WHERE personId = ? AND status = 'pending' AND messageId < ? AND (leaseUntil IS NULL OR leaseUntil <= ?)
                """, arguments: [reason, personID, messageID, now])
        return db.changesCount
    }

    static func markSent(_ ids: [Int64], at now: Date, in db: any SQLConnection) throws {
        for id in ids {
            try db.cachedStatement(sql: "UPDATE outbox SET status = 'sent', sentAt = ?, attempts = attempts + 1 WHERE id = ?").execute(
                arguments: [now, id])
        }
    }
}
