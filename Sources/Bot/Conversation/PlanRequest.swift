import Dialog
import Foundation
import GRDB

/// Carries out what the inwoner asks of their stored plan after the intake: the plan as messages
/// (PLAN) and an action marked done (KLAAR 2). Replies are worded by the `plan.*` texts.
struct PlanRequest {
    let writer: RecordWriter

    var db: any SQLConnection { writer.db }

    /// The replies, as text key and text.
    func carryOut(_ request: Request) throws -> [(key: String, text: String)] {
        let renderer = Renderer(catalog: writer.library.catalog, language: writer.language)
        switch request {
        case .plan:
            let text = try SupportPlan.text(personID: writer.personID, library: writer.library, in: db)
            var replies = MessageSplitter.split(text).map { ("plan.overzicht", $0) }
            if !(try PlanRows.goals(personID: writer.personID, in: db).allSatisfy(\.actions.isEmpty)) {
                replies.append(("plan.hint", renderer.render("plan.hint", vars: [:])))
            }
            return replies
        case .actionDone(let number):
            let actions = try PlanRows.goals(personID: writer.personID, in: db).flatMap(\.actions)
            let vars: [String: Value] = ["nr": .number(number)]
            guard actions.indices.contains(number - 1) else {
                return [("plan.geen_stap", renderer.render("plan.geen_stap", vars: vars))]
            }
            let action = actions[number - 1]
            var found = vars
            found["wat"] = .text(action.what)
            guard ["gepland", "bezig", "uitgesteld"].contains(action.status) else {
                return [("plan.al_klaar", renderer.render("plan.al_klaar", vars: found))]
            }
            try ActionUpdate(writer: writer, fields: ["action": .number(Int(action.id)), "status": .text("gedaan")]).apply()
            return [("plan.stap_klaar", renderer.render("plan.stap_klaar", vars: found))]
        }
    }
}
