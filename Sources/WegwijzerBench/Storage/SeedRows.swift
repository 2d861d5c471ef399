import Dialog
import Foundation
import GRDB

/// The rows of `wegwijzer-bench seed`, written straight into the tables: a million inwoners
/// through the conversation service would take hours, and the bench measures the server on the
/// result, not the seeding.
enum SeedRows {
    /// Bench inwoner `n` has phone +3161nnnnnnn.
    static func phone(_ n: Int) -> String { String(format: "+3161%07d", n) }

    static func insert(_ range: [Int], state: Conversation, json: String, now: Date, dueAt: Date, in db: Database) throws {
        let person = try db.makeStatement(sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, ?, ?)")
        let contact = try db.makeStatement(sql: "INSERT INTO contact (personId, channel, address, lastInboundAt) VALUES (?, 'sms', ?, ?)")
        let conversation = try db.makeStatement(
            sql: """
                INSERT INTO conversation (personId, flowId, flowVersion, state, stateVersion, module, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let message = try db.makeStatement(
            sql: """
                INSERT INTO message (personId, direction, channel, providerId, text, createdAt) VALUES (?, ?, 'sms', ?, ?, ?)
                """)
        let goal = try db.makeStatement(
            sql: "INSERT INTO goal (personId, localId, leefgebied, text, rank, createdAt) VALUES (?, 'g1', 'wonen', 'Een fijn huis', 1, ?)")
        let action = try db.makeStatement(
            sql: """
                INSERT INTO action (personId, goalId, localId, what, ownerKind, dueDate, dueTime, createdAt) VALUES (?, ?, ?, ?, 'inwoner', ?, '10:00', ?)
                """)
        let job = try db.makeStatement(
            sql: "INSERT INTO job (kind, personId, actionId, dueAt, idempotencyKey, createdAt) VALUES (?, ?, ?, ?, ?, ?)")
        // The actions are due two weeks after the first reminder; their follow-up the day after.
        let actionDay = ISO8601DateFormatter.string(
            from: dueAt.addingTimeInterval(14 * 86_400),
            timeZone: TimeZone(identifier: "Europe/Amsterdam")!, formatOptions: [.withFullDate])
        let followup = dueAt.addingTimeInterval(15 * 86_400)
        for n in range {
            let phone = phone(n)
            try person.execute(arguments: [phone, "Inwoner \(n)", now])
            let id = db.lastInsertedRowID
            try contact.execute(arguments: [id, phone, now])
            try conversation.execute(arguments: [id, state.flowID, state.flowVersion, json, state.stateVersion, state.module, now])
            for (k, text) in ["hoi", "ja", "1 en 2"].enumerated() {
                try message.execute(arguments: [id, "in", "SMseed\(n)x\(k)", text, now])
                try message.execute(arguments: [id, "out", nil, "Vraag \(k + 1)", now])
            }
            try goal.execute(arguments: [id, now])
            let goalID = db.lastInsertedRowID
            for a in 0..<2 {
                try action.execute(arguments: [id, goalID, "a\(a)", "Stap \(a + 1)", actionDay, now])
                let actionID = db.lastInsertedRowID
                // Reminders spread over ten days before the action's day, so a lookup at any moment finds few due.
                let moment = dueAt.addingTimeInterval(Double(a * 86_400 * 3) + Double(n % 604_800))
                try job.execute(arguments: ["reminder", id, actionID, moment, "reminder:\(actionID)", now])
                try job.execute(arguments: ["followup", id, actionID, followup, "followup:\(actionID)", now])
            }
        }
    }
}
