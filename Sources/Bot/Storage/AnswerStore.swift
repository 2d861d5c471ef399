import Dialog
import Foundation
import GRDB

/// Every valid answer, append-only: the latest for a person and key counts. Inside the caller's
/// transaction (the inbound message's).
enum AnswerStore {
    /// - Parameter messageID: the inbound message it came in, if any.
    static func add(_ answer: Answer, personID: Int64, messageID: Int64?, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO answer (personId, messageId, node, key, value, module, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [personID, messageID, answer.node, answer.key, answer.value.json, answer.module, SQLDate(now)])
    }
}
