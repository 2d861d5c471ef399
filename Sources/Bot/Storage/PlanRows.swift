import Dialog
import Foundation
import GRDB

/// The stored ondersteuningsplan of one inwoner: goals in rank order with their actions and the
/// measured result (the first score of the goal's leefgebied against its re-rating).
enum PlanRows {
    struct Action: Sendable {
        var id: Int64
        var what: String
        var ownerKind: String
        var memberID: Int64?
        var memberName: String?
        var dueDate: LocalDate?
        var dueTime: LocalTime?
        var status: String
        var result: String?
        var helped: Int?
        /// Given to the professional by the inwoner and not accepted yet.
        var proposed = false
        /// The voorziening of the sociale kaart it goes through (its id in `voorzieningen.yaml`).
        var voorziening: String?
        /// The specialist the professional refers to ("huisarts", "ggz").
        var specialist: String?

        var carrier: PlanCarrier { PlanCarrier(ownerKind: ownerKind, voorziening: voorziening, specialist: specialist) }
    }

    struct Goal: Sendable {
        var id: Int64
        var text: String
        var leefgebied: String?
        var status: String
        var actions: [Action]
        var before: Int?
        var after: Int?

        /// Who or what carries the goal's actions, each once, in the order of `PlanCarrier`.
        var mix: [PlanCarrier] {
            let carriers = Set(actions.map(\.carrier))
            return PlanCarrier.allCases.filter(carriers.contains)
        }
    }

    static func goals(personID: Int64, in db: any SQLConnection) throws -> [Goal] {
        try Row.fetchAll(
            db, sql: "SELECT id, text, leefgebied, status FROM goal WHERE personId = ? ORDER BY rank, id",
            arguments: [personID]
        ).map { goal in
            let goalID: Int64 = goal["id"]
            let leefgebied: String? = goal["leefgebied"]
            var before: Int?
            var after: Int?
            if let leefgebied {
                before = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT score FROM score WHERE personId = ? AND leefgebied = ? AND goalId IS NULL ORDER BY createdAt, id LIMIT 1
                        """, arguments: [personID, leefgebied])
                after = try Int.fetchOne(
                    db, sql: "SELECT score FROM score WHERE goalId = ? ORDER BY createdAt DESC, id DESC LIMIT 1",
                    arguments: [goalID])
            }
            return Goal(
                id: goalID, text: goal["text"], leefgebied: leefgebied, status: goal["status"],
                actions: try actions(goalID: goalID, in: db), before: before, after: after)
        }
    }

    static func actions(goalID: Int64, in db: any SQLConnection) throws -> [Action] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.what, a.ownerKind, a.networkMemberId, n.name, a.dueDate, a.dueTime, a.status, a.result, a.helped,
                    a.proposedAt IS NOT NULL AS proposed, a.voorziening, a.specialist
                FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId
                WHERE a.goalId = ? ORDER BY a.id
                """, arguments: [goalID]
        ).map { row in
            Action(
                id: row["id"], what: row["what"], ownerKind: row["ownerKind"], memberID: row["networkMemberId"], memberName: row["name"],
                dueDate: (row["dueDate"] as String?).flatMap(LocalDate.init(iso:)),
                dueTime: (row["dueTime"] as String?).flatMap(LocalTime.init(iso:)),
                status: row["status"], result: row["result"], helped: row["helped"], proposed: row["proposed"],
                voorziening: row["voorziening"], specialist: row["specialist"])
        }
    }
}

extension PlanRows.Action {
    /// The voorziening's name (or its id when the sociale kaart no longer has it), or the specialist.
    func via(_ map: SocialMap, _ language: Language) -> String? {
        if let voorziening { return map[voorziening].flatMap { $0.name[language] ?? $0.name[.nl] } ?? voorziening }
        return specialist
    }
}
