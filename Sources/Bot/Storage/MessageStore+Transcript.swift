import Foundation
import GRDB

/// The conversation as the professional reads it in the web view.
extension MessageStore {
    struct TranscriptLine: Sendable, Equatable {
        /// True for what the person wrote, false for what Wegwijzer sent.
        var inbound: Bool
        var text: String
        var createdAt: Date
    }

    /// The person's last `limit` messages, both ways, oldest first (in the order they were stored).
    static func transcript(personID: Int64, limit: Int, in db: Database) throws -> [TranscriptLine] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT direction, text, createdAt FROM (SELECT id, direction, text, createdAt FROM message WHERE personId = ? ORDER BY id DESC LIMIT ?)
                ORDER BY id
                """, arguments: [personID, limit]
        ).map { row in
            TranscriptLine(inbound: (row["direction"] as String) == "in", text: row["text"], createdAt: row["createdAt"])
        }
    }
}
