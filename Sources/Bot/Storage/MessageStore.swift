import Dialog
import Foundation
import GRDB

enum MessageStore {
    struct Earlier {
        var id: Int64
        var personID: Int64
    }

    static func inbound(channel: String, providerID: String, in db: any SQLConnection) throws -> Earlier? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, personId FROM message WHERE channel = ? AND providerId = ? AND direction = 'in'
                    """), arguments: [channel, providerID]
        ).map { Earlier(id: $0["id"], personID: $0["personId"]) }
    }

    /// Stores an inbound message, with how it was given (`via`, the professional) when set; nil
    /// when the provider delivered this message before (the unique index on channel and provider id
    /// refuses it, which spares every message a lookup of its own).
    static func insertInbound(_ m: InboundMessage, personID: Int64, in db: any SQLConnection) throws -> Int64? {
        try db.cachedStatement(
            sql: """
                INSERT INTO message (personId, direction, channel, providerId, text, createdAt, via, professionalId)
                VALUES (?, 'in', ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [personID, m.channel, m.providerID, m.text, SQLDate(m.receivedAt), m.via, m.professionalID])
        return db.changesCount == 1 ? try db.lastInsertedRowID : nil
    }

    /// Stores an outgoing message and queues it in the outbox for the dispatcher; returns what to
    /// send. With `sentInline` it travels in the HTTP response to the message it answers: only the
    /// message row is written (an outbox row with its four indexes was a fifth of the writer's
    /// time), and its `outboxID` is 0.
    static func queueOutbound(
        personID: Int64, channel: String, key: String, text: String, replyTo: Int64?,
        at now: Date, sentInline: Bool = false, address: String? = nil, in db: any SQLConnection
    ) throws -> OutgoingMessage {
        // On SMS every text is GSM-7: curly quotes straightened, emoji dropped, so no message
        // silently doubles its segments by switching to UCS-2.
        let text = channel == "sms" ? SMSText.gsm7Safe(text) : text
        let segments = channel == "sms" ? SMSSegments.analyze(text).segments : nil
        try db.cachedStatement(
            sql: """
                INSERT INTO message (personId, direction, channel, replyTo, textKey, text, segments, createdAt)
                VALUES (?, 'out', ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [personID, channel, replyTo, key, text, segments, SQLDate(now)])
        let messageID = try db.lastInsertedRowID
        var outboxID: Int64 = 0
        if !sentInline {
            try db.cachedStatement(sql: "INSERT INTO outbox (messageId, personId, channel, createdAt) VALUES (?, ?, ?, ?)").execute(
                arguments: [messageID, personID, channel, SQLDate(now)])
            outboxID = try db.lastInsertedRowID
        }
        let address = try address ?? self.address(personID: personID, channel: channel, in: db)
        return OutgoingMessage(outboxID: outboxID, personID: personID, channel: channel, address: address, text: text)
    }

    static func address(personID: Int64, channel: String, in db: any SQLConnection) throws -> String {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT address FROM contact WHERE personId = ? AND channel = ?"),
            arguments: [personID, channel]) ?? ""
    }

    /// No consent: the inwoner's own words are not kept.
    static func forgetInboundTexts(personID: Int64, in db: any SQLConnection) throws {
        try db.cachedStatement(sql: "UPDATE message SET text = '' WHERE personId = ? AND direction = 'in'").execute(arguments: [personID])
    }
}
