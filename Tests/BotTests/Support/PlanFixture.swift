import Dialog
import Foundation
import GRDB

@testable import Bot

/// An inwoner Sam (person 1, +31610000000) with one goal, and network member Ans (member 1) in
/// the state a test needs: with or without a phone, invited, accepted, declined, opted out.
enum PlanFixture {
    static let inwonerPhone = "+31610000000"
    static let memberPhone = "+31687654321"

    enum Member { case noPhone, notAsked, invited, accepted, declined, stopped, optedOut }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func make(member: Member, at now: Date) throws -> ConversationService {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try service.database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, 'Sam', ?)", arguments: [inwonerPhone, now])
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', ?)", arguments: [inwonerPhone])
            try db.execute(
                sql: "INSERT INTO goal (personId, localId, text, rank, createdAt) VALUES (1, 'g', 'Doel', 1, ?)", arguments: [now])
            try db.execute(
                sql: "INSERT INTO networkMember (personId, localId, name, phone, createdAt) VALUES (1, 'n1', 'Ans', ?, ?)",
                arguments: [member == .noPhone ? nil : memberPhone, now])
            let invitation: String? =
                switch member {
                case .noPhone, .notAsked: nil
                case .invited: "invited"
                case .accepted, .optedOut: "accepted"
                case .declined: "declined"
                case .stopped: "stopped"
                }
            if member != .noPhone && member != .notAsked {
                try db.execute(
                    sql: "INSERT INTO person (role, phone, name, optedOut, createdAt) VALUES ('netwerk', ?, 'Ans', ?, ?)",
                    arguments: [memberPhone, member == .optedOut, now])
                try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (2, 'sms', ?)", arguments: [memberPhone])
                try db.execute(sql: "UPDATE networkMember SET invitation = ?, memberPersonId = 2 WHERE id = 1", arguments: [invitation])
            }
        }
        return service
    }

    /// An action of `owner` ("inwoner", or "netwerk" for Ans), planned at `now`; returns its id.
    @discardableResult
    static func action(_ what: String, owner: String, due: String, time: String? = nil, service: ConversationService, at now: Date) throws
        -> Int64
    {
        try service.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO action (personId, goalId, localId, what, ownerKind, networkMemberId, dueDate, dueTime, createdAt)
                    VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [what, what, owner, owner == "netwerk" ? 1 : nil, due, time, now])
            let id = try db.lastInsertedRowID
            try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: id)
            return id
        }
    }

    /// Pending jobs as "kind person", in due order.
    static func pending(_ service: ConversationService) throws -> [String] {
        try service.database.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT kind || ' ' || personId FROM job WHERE status = 'pending' AND kind NOT IN ('weekly', 'overdue') ORDER BY dueAt, id"
            )
        }
    }
}
