import Foundation
import GRDB

/// The conversation as the professional reads it in the web view, and as the web chat shows it.
extension MessageStore {
    struct TranscriptLine: Sendable, Equatable {
        /// True for what the person wrote, false for what Wegwijzer sent.
        var inbound: Bool
        var text: String
        var createdAt: Date
        /// How an inbound message was given: nil for the person on their own, `samen` with a professional.
        var via: String? = nil
        /// The professional who entered it with the inwoner (with `via`).
        var professionalID: Int64? = nil
    }

    /// The person's last `limit` messages, both ways, oldest first (in the order they were stored),
    /// on every channel.
    static func transcript(personID: Int64, limit: Int, in db: any SQLConnection) throws -> [TranscriptLine] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT direction, text, createdAt, via, professionalId FROM (
                    SELECT id, direction, text, createdAt, via, professionalId FROM message WHERE personId = ? ORDER BY id DESC LIMIT ?) AS recent
                ORDER BY id
                """, arguments: [personID, limit]
        ).map { row in
            TranscriptLine(
                inbound: (row["direction"] as String) == "in", text: row["text"], createdAt: row["createdAt"], via: row["via"],
                professionalID: row["professionalId"])
        }
    }

    /// The last message Wegwijzer wrote to the person, on any channel, whether sent yet or not: the
    /// question the conversation waits for when one is open. Nil before the first.
    static func lastOutgoing(personID: Int64, in db: any SQLConnection) throws -> TranscriptLine? {
        try Row.fetchOne(
            db,
            sql: "SELECT text, createdAt FROM message WHERE personId = ? AND direction = 'out' ORDER BY id DESC LIMIT 1",
            arguments: [personID]
        ).map { TranscriptLine(inbound: false, text: $0["text"], createdAt: $0["createdAt"]) }
    }
}
