import Dialog
import Foundation
import GRDB

/// Mijn mensen: the inwoner's network, the steps each person takes part in, and what someone said
/// in their own view of the inwoner, when the inwoner chose to share it.
struct MijnMensen {
    let web: WebContext
    let personID: Int64
    let language: Language
    let db: any SQLConnection

    func values() throws -> [String: Any] {
        let renderer = Renderer(catalog: web.catalog, language: language)
        let steps = try PlanRows.goals(personID: personID, in: db).flatMap(\.actions)
        let members = try NetworkStore.members(inwonerID: personID, in: db).map { member -> [String: Any] in
            let theirs = steps.filter { $0.memberID == member.id }.map { step -> [String: Any] in
                var values: [String: Any] = ["what": step.what, "status": web.label("status", step.status, language)]
                if let day = step.dueDate { values["when"] = renderer.format(.date(day, step.dueTime)) }
                return values
            }
            return [
                "name": member.name, "relation": member.relation ?? "",
                "support": member.support.map { NetworkPicture.shortLabel(web.label("steun", $0, language)) }.joined(separator: ", "),
                "closeness": member.closeness.map { web.texts.text("nabij_\($0)", language) } ?? "",
                "steps": theirs, "hasSteps": !theirs.isEmpty,
                "reminded": member.invitation == "accepted"
            ]
        }
        return ["members": members, "hasMembers": !members.isEmpty, "views": try views()]
    }

    /// Views the inwoner shared; one they did not share is not shown here either (it is theirs to keep).
    private func views() throws -> [[String: Any]] {
        let own = try IntakeStore.scores(personID: personID, in: db)
        return try OmgevingStore.views(inwonerID: personID, in: db).filter { $0.status == "answered" && $0.share }.map { view in
            let comparison = OmgevingComparison(view: view, ownScores: own)
            return [
                "name": view.memberName,
                "rows": comparison.rows.map { row in
                    [
                        "label": web.label("leefgebieden", row.leefgebied, language), "own": row.own.map(String.init) ?? "–",
                        "other": row.other.map(String.init) ?? "–", "talkAbout": row.talkAbout
                    ] as [String: Any]
                },
                "strengths": view.strengths ?? "", "offer": view.offer ?? ""
            ]
        }
    }
}
