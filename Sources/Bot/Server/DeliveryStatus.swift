import Foundation
import GRDB

/// Providers report what became of a sent message; reports can come out of order, so a message
/// never moves back from a later state.
enum DeliveryStatus {
    static let rank: [String: Int] = [
        "queued": 1, "accepted": 1, "scheduled": 1, "sending": 2, "sent": 3, "delivered": 4, "read": 5,
        "undelivered": 6, "failed": 6, "canceled": 6,
    ]

    static func record(channel: String, providerID: String, status: String, in database: AppDatabase) async throws {
        guard let newRank = rank[status] else { return }
        try await database.writer.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT m.id, m.deliveryStatus FROM outbox o JOIN message m ON m.id = o.messageId
                WHERE o.channel = ? AND o.providerMessageId = ?
                """, arguments: [channel, providerID]) else { return }
            let current: String? = row["deliveryStatus"]
            if let current, (rank[current] ?? 0) >= newRank { return }
            try db.execute(sql: "UPDATE message SET deliveryStatus = ? WHERE id = ?", arguments: [status, row["id"] as Int64])
        }
    }
}
