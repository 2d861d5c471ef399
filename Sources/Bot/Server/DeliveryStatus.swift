import Foundation
import GRDB

/// Providers report what became of a sent message; reports can come out of order, so a message
/// never moves back from a later state.
enum DeliveryStatus {
    static let rank: [String: Int] = [
        "queued": 1, "accepted": 1, "scheduled": 1, "sending": 2, "sent": 3, "delivered": 4, "read": 5,
        "undelivered": 6, "failed": 6, "canceled": 6
    ]

    static func record(channel: String, providerID: String, status: String, in database: AppDatabase) async throws {
        guard let newRank = rank[status] else { return }
        try await database.write { db in
            guard let message = try MessageStore.delivery(channel: channel, providerMessageID: providerID, in: db) else { return }
            if let current = message.status, (rank[current] ?? 0) >= newRank { return }
            try MessageStore.setDeliveryStatus(status, messageID: message.messageID, in: db)
        }
    }
}
