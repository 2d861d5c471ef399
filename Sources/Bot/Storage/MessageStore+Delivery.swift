import Foundation
import GRDB

/// What became of a sent message, as the providers report it.
extension MessageStore {
    /// A sent message with the delivery status its provider last reported (nil: none yet).
    struct Delivery: Sendable, Equatable {
        var messageID: Int64
        var status: String?
    }

    /// The message that went out through the outbox on `channel` and that the provider knows by
    /// `providerMessageID`; nil when no such message was sent.
    static func delivery(channel: String, providerMessageID: String, in db: any SQLConnection) throws -> Delivery? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT m.id, m.deliveryStatus FROM outbox o JOIN message m ON m.id = o.messageId
                WHERE o.channel = ? AND o.providerMessageId = ?
                """, arguments: [channel, providerMessageID]
        ).map { Delivery(messageID: $0["id"], status: $0["deliveryStatus"]) }
    }

    /// Records the delivery status the provider reported for the message, replacing the one before.
    /// Whether a report may replace the one before is the caller's rule (`DeliveryStatus`).
    static func setDeliveryStatus(_ status: String, messageID: Int64, in db: any SQLConnection) throws {
        try db.execute(sql: "UPDATE message SET deliveryStatus = ? WHERE id = ?", arguments: [status, messageID])
    }
}
