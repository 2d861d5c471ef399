import Dialog
import Foundation
import GRDB

/// The ondersteuningsplan from the stored goals and actions, worded by the `plan.*` texts.
enum SupportPlan {
    static func text(personID: Int64, library: FlowLibrary, in db: any SQLConnection) throws -> String {
        let language = try PersonStore.language(personID: personID, in: db)
        // Actions are numbered through the whole plan, so that "KLAAR 2" names one.
        var number = 0
        let goals = try PlanRows.goals(personID: personID, in: db).map { goal -> Value in
            let actions = goal.actions.map { action -> Value in
                number += 1
                let who: Value =
                    action.ownerKind == "netwerk" && action.memberName != nil
                    ? .text(action.memberName!)
                    : .option(list: "eigenaar", key: action.ownerKind == "netwerk" ? "netwerk" : action.ownerKind)
                var fields: [String: Value] = [
                    "nr": .number(number), "what": .text(action.what), "who": who,
                    "due": action.dueDate.map { .date($0, action.dueTime) } ?? .none,
                    "status": .option(list: "status", key: action.status)
                ]
                if let via = action.via(library.socialMap, language) { fields["via"] = .text(via) }
                if action.proposed { fields["voorstel"] = .bool(true) }
                if let result = action.result { fields["result"] = .text(result) }
                if let helped = action.helped { fields["helped"] = .number(helped) }
                return .record(fields)
            }
            var fields: [String: Value] = [
                "text": .text(goal.text), "acties": .list(actions),
                "status": .option(list: "doelstatus", key: goal.status)
            ]
            // The mix is worth saying once more than one kind of help takes part.
            if goal.mix.count > 1 {
                fields["mix"] = .record(["wie": .list(goal.mix.map { .option(list: PlanCarrier.list, key: $0.rawValue) })])
            }
            if let leefgebied = goal.leefgebied {
                fields["leefgebied"] = .option(list: "leefgebieden", key: leefgebied)
                if let before = goal.before, let after = goal.after {
                    fields["meting"] = .record([
                        "lg": .option(list: "leefgebieden", key: leefgebied), "voor": .number(before), "na": .number(after)
                    ])
                }
            }
            return .record(fields)
        }
        let renderer = Renderer(catalog: library.catalog, language: language)
        return renderer.render("plan.overzicht", vars: ["doelen": .list(goals)]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The plan as messages to the inwoner, each within 3 SMS segments, on the channel they used
    /// last (through the outbox).
    static func send(personID: Int64, library: FlowLibrary, at now: Date, in db: any SQLConnection) throws -> [OutgoingMessage] {
        guard let (channel, _) = try PersonStore.primaryContact(personID: personID, in: db) else { return [] }
        return try MessageSplitter.split(text(personID: personID, library: library, in: db)).map { part in
            try MessageStore.queueOutbound(
                personID: personID, channel: channel, key: "plan.overzicht", text: part, replyTo: nil, at: now, in: db)
        }
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
