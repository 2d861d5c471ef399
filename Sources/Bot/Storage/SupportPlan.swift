import Dialog
import Foundation
import GRDB

/// The ondersteuningsplan from the stored goals and actions, worded by the `plan.*` texts.
enum SupportPlan {
    static func text(personID: Int64, library: FlowLibrary, in db: Database) throws -> String {
        let language = try PersonStore.language(personID: personID, in: db)
        var goals: [Value] = []
        for goal in try Row.fetchAll(db, sql: "SELECT id, text, leefgebied, status FROM goal WHERE personId = ? ORDER BY rank, id",
                                     arguments: [personID]) {
            let actions = try Row.fetchAll(db, sql: """
                SELECT a.what, a.ownerKind, n.name, a.dueDate, a.dueTime, a.status, a.result, a.helped
                FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId
                WHERE a.goalId = ? ORDER BY a.id
                """, arguments: [goal["id"] as Int64]).map { row -> Value in
                let owner: String = row["ownerKind"]
                let who: Value = owner == "netwerk" ? .text(row["name"] ?? "-") : .option(list: "eigenaar", key: owner)
                var due = Value.none
                if let date: String = row["dueDate"], let day = LocalDate(iso: date) {
                    due = .date(day, (row["dueTime"] as String?).flatMap(LocalTime.init(iso:)))
                }
                var fields: [String: Value] = ["what": .text(row["what"]), "who": who, "due": due,
                                               "status": .option(list: "status", key: row["status"])]
                if let result: String = row["result"] { fields["result"] = .text(result) }
                if let helped: Int = row["helped"] { fields["helped"] = .number(helped) }
                return .record(fields)
            }
            var fields: [String: Value] = ["text": .text(goal["text"]), "acties": .list(actions),
                                           "status": .option(list: "doelstatus", key: goal["status"])]
            if let leefgebied: String = goal["leefgebied"] {
                fields["leefgebied"] = .option(list: "leefgebieden", key: leefgebied)
                // The measured result: the first score of that leefgebied against the re-rating for this goal.
                let before = try Int.fetchOne(db, sql: """
                    SELECT score FROM score WHERE personId = ? AND leefgebied = ? AND goalId IS NULL ORDER BY createdAt, id LIMIT 1
                    """, arguments: [personID, leefgebied])
                let after = try Int.fetchOne(db, sql: "SELECT score FROM score WHERE goalId = ? ORDER BY createdAt DESC, id DESC LIMIT 1",
                                             arguments: [goal["id"] as Int64])
                if let before, let after {
                    fields["meting"] = .record(["lg": .option(list: "leefgebieden", key: leefgebied), "voor": .number(before), "na": .number(after)])
                }
            }
            goals.append(.record(fields))
        }
        let renderer = Renderer(catalog: library.catalog, language: language)
        return renderer.render("plan.overzicht", vars: ["doelen": .list(goals)]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension LocalDate {
    init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }
}

extension LocalTime {
    init?(iso: String) {
        let parts = iso.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        self.init(hour: parts[0], minute: parts[1])
    }
}

extension LocalDate {
    /// The calendar day of year/month/day components (as `Calendar.dateComponents` gives them).
    init(_ components: DateComponents) {
        self.init(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1)
    }
}
