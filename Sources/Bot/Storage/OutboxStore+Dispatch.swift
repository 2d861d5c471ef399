import Dialog
import Foundation
import GRDB

/// The dispatcher's side of the outbox: claiming due messages under a lease, and recording what
/// each attempt gave. Claiming and recording are separate transactions, so a crash in between
/// leaves the row leased; when the lease runs out the row is claimed again (at least once, and the
/// attempt count shows it).
extension OutboxStore {
    struct Claimed: Sendable {
        var message: OutgoingMessage
        var attempts: Int
        var lastInboundAt: Date?
        /// Set when an earlier claim ran out without a recorded result (the server died while
        /// sending): that attempt may have gone out. The moment the message was queued.
        var inDoubtSince: Date? = nil
    }

    /// The oldest pending message of each person whose turn it is, up to `limit`, leased until
    /// `now + lease`. One message per person at a time keeps each person's messages in order. On
    /// PostgreSQL the rows are taken (SKIP LOCKED) until the lease is written and committed, so two
    /// instances never lease one row, and a leased row is passed over until its lease runs out.
    static func claim(channels: [String], now: Date, lease: Double, limit: Int, in db: any SQLConnection) throws -> [Claimed] {
        guard !channels.isEmpty else { return [] }
        let placeholders = channels.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT o.id, o.personId, o.channel, o.attempts, o.leaseUntil, o.createdAt, m.text,
                       COALESCE(c.address, '') AS address, c.lastInboundAt
                FROM outbox o
                JOIN message m ON m.id = o.messageId
                LEFT JOIN contact c ON c.personId = o.personId AND c.channel = o.channel
                WHERE o.status = 'pending' AND o.channel IN (\(placeholders))
                  AND (o.nextAttemptAt IS NULL OR o.nextAttemptAt <= ?)
                  AND (o.leaseUntil IS NULL OR o.leaseUntil <= ?)
                  AND o.id = (SELECT MIN(id) FROM outbox p WHERE p.personId = o.personId AND p.status = 'pending')
                ORDER BY o.id LIMIT ?
                """ + db.dialect.claimingRows(of: "o"), arguments: SQLArguments(channels) + [now, now, limit])
        let until = now.addingTimeInterval(lease)
        return try rows.map { row in
            let id: Int64 = row["id"]
            try db.execute(sql: "UPDATE outbox SET leaseUntil = ? WHERE id = ?", arguments: [until, id])
            let message = OutgoingMessage(
                outboxID: id, personID: row["personId"], channel: row["channel"],
                address: row["address"], text: row["text"])
            // Every recorded result clears the lease, so one still set ran out unrecorded.
            let leased: Date? = row["leaseUntil"]
            return Claimed(
                message: message, attempts: row["attempts"], lastInboundAt: row["lastInboundAt"],
                inDoubtSince: leased == nil ? nil : row["createdAt"])
        }
    }

    /// The first of `providerIDs` that no outbox row of the channel has recorded as its own.
    static func firstUnrecorded(_ providerIDs: [String], channel: String, in db: any SQLConnection) throws -> String? {
        guard !providerIDs.isEmpty else { return nil }
        let placeholders = providerIDs.map { _ in "?" }.joined(separator: ", ")
        let recorded = try String.fetchSet(
            db,
            sql: """
                SELECT providerMessageId FROM outbox WHERE channel = ? AND providerMessageId IN (\(placeholders))
                """, arguments: SQLArguments([channel] + providerIDs))
        return providerIDs.first { !recorded.contains($0) }
    }

    /// Records one attempt. Returns true when the person turned out to have opted out.
    @discardableResult
    static func record(_ result: SendResult, for claimed: Claimed, policy: DispatchPolicy, now: Date, in db: any SQLConnection) throws
        -> Bool
    {
        let id = claimed.message.outboxID
        let attempts = claimed.attempts + 1
        switch result {
        case .sent(let providerID):
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'sent', sentAt = ?, attempts = ?, providerMessageId = ?, leaseUntil = NULL, lastError = NULL
                    WHERE id = ?
                    """, arguments: [now, attempts, providerID, id])
        case .retry(let reason), .retryAfter(_, let reason):
            var delay = policy.delay(afterAttempt: attempts)
            if case .retryAfter(let seconds, _) = result { delay = max(delay, seconds) }
            let failed = attempts >= policy.maxAttempts
            try db.execute(
                sql: """
                    UPDATE outbox SET status = ?, attempts = ?, nextAttemptAt = ?, leaseUntil = NULL, lastError = ? WHERE id = ?
                    """, arguments: [failed ? "failed" : "pending", attempts, now.addingTimeInterval(delay), reason, id])
        case .permanent(let reason):
            try db.execute(
                sql: "UPDATE outbox SET status = 'failed', attempts = ?, leaseUntil = NULL, lastError = ? WHERE id = ?",
                arguments: [attempts, reason, id])
        case .optedOut:
            try db.execute(sql: "UPDATE outbox SET attempts = ? WHERE id = ?", arguments: [attempts, id])
            try cancelPending(personID: claimed.message.personID, reason: "opted out at the provider", in: db)
            return true
        }
        return false
    }

    /// Nothing more goes to a person who opted out, but the confirmation of that very message.
    static func cancelPending(personID: Int64, except replyTo: Int64?, reason: String, in db: any SQLConnection) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET status = 'failed', leaseUntil = NULL, lastError = ?
                WHERE personId = ? AND status = 'pending'
                  AND messageId NOT IN (SELECT id FROM message WHERE replyTo = ?)
                """, arguments: [reason, personID, replyTo])
    }

    /// Nothing more goes to a person who opted out.
    static func cancelPending(personID: Int64, reason: String, in db: any SQLConnection) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET status = 'failed', leaseUntil = NULL, lastError = ? WHERE personId = ? AND status = 'pending'
                """, arguments: [reason, personID])
    }

    static func depth(in db: any SQLConnection) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND channel != 'stdin'") ?? 0
    }
}
