import Dialog
import Foundation
import GRDB

/// Mijn plan: the inwoner's goals in their order, each with its steps (what, who, when, status)
/// and the forms to report on a step, move it, or add one of their own. Words in their language.
struct MijnPlan {
    let web: WebContext
    let personID: Int64
    let language: Language
    let db: any SQLConnection

    static let closed: Set<String> = ["gedaan", "niet_gelukt", "vervallen"]

    func values() throws -> [String: Any] {
        let goals = try PlanRows.goals(personID: personID, in: db)
        let renderer = Renderer(catalog: web.catalog, language: language)
        return [
            "name": try PersonStore.name(personID: personID, in: db) ?? "",
            "hasGoals": !goals.isEmpty,
            "scores": (0...10).map { ["value": $0] },
            "goals": goals.enumerated().map { index, goal in
                [
                    "id": goal.id, "rank": index + 1, "text": goal.text,
                    "leefgebied": goal.leefgebied.map { web.label("leefgebieden", $0, language) } ?? "",
                    "reached": goal.status == "bereikt",
                    "actions": goal.actions.map { action($0, renderer: renderer) }
                ] as [String: Any]
            }
        ]
    }

    private func action(_ action: PlanRows.Action, renderer: Renderer) -> [String: Any] {
        var values: [String: Any] = [
            "id": action.id, "what": action.what, "who": who(action),
            "status": web.label("status", action.status, language),
            "done": action.status == "gedaan", "open": !Self.closed.contains(action.status)
        ]
        if let day = action.dueDate {
            values["when"] = renderer.format(.date(day, action.dueTime))
            values["dueISO"] = day.description
        }
        if let helped = action.helped { values["helped"] = helped }
        return values
    }

    /// "Ik" for the inwoner's own steps, the member's name, or their professional.
    private func who(_ action: PlanRows.Action) -> String {
        switch action.ownerKind {
        case "inwoner": web.texts.text("wie_ik", language)
        case "netwerk": action.memberName ?? web.texts.text("wie_netwerk", language)
        case "professional": action.specialist ?? web.texts.text("wie_hulpverlener", language)
        default: web.texts.text("wie_voorziening", language)
        }
    }
}
