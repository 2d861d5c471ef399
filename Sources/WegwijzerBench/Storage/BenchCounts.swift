import Bot
import Foundation
import GRDB

/// What the bench reads back from a database it filled.
enum BenchCounts {
    /// After one intake: inbound messages, outbound messages, their SMS segments, and modules completed.
    static func intake(in db: any SQLConnection) throws -> (inbound: Int, outbound: Int, segments: Int, modules: Int) {
        (
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") ?? 0,
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0,
            try Int.fetchOne(db, sql: "SELECT SUM(m.segments) FROM outbox o JOIN message m ON m.id = o.messageId") ?? 0,
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM moduleProgress WHERE completedAt IS NOT NULL") ?? 0
        )
    }

    static func jobs(in db: any SQLConnection) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job") ?? 0
    }

    /// SQLite's plan for the due-job lookup, one line per step.
    static func nextDuePlan(at moment: Date, in db: any SQLConnection) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + JobStore.nextDueSQL, arguments: [moment]).map { $0["detail"] as String }
    }
}
