import Dialog
import Foundation
import GRDB

/// The plan on one A4 "voor op de koelkast", as values for `fridge.mustache`: the goals in their
/// order, each with the pictogram of its leefgebied and its actions as tick boxes; the strengths;
/// room for a photo; and the hulpverlener. Every word is in the inwoner's language, because the
/// inwoner reads it, also when the professional prints it. Needs no session: the professional's
/// print view and the inwoner's own page both render it, and add their own links.
struct FridgePlan {
    let web: WebContext
    let personID: Int64
    let now: Date
    let db: any SQLConnection

    /// The strength kinds with a box of their own, in the Krachtkompas's order.
    static let strengthKinds = ["ik_ben", "ik_kan", "ik_heb", "ik_wil"]
    /// What the inwoner does and wants to do for others: a line under the boxes, when told.
    static let forOthersKinds = ["voor_anderen", "wil_voor_anderen"]

    func values() throws -> [String: Any] {
        guard let person = try PersonStore.profile(personID: personID, in: db) else { throw WebError.notFound }
        let language = person.language
        let t = web.texts.all(language)
        let renderer = Renderer(catalog: web.catalog, language: language)
        let today = WebFormat.today(now)
        let told = try IntakeStore.strengths(personID: personID, in: db)
        var values: [String: Any] = [
            "t": t,
            "lang": language.rawValue,
            "title": web.texts.text("koelkast_titel", language),
            "printed": web.texts.text("koelkast_gemaakt", language, ["day": "\(renderer.longDate(today)) \(today.year)"]),
            "goals": try goals(language, renderer),
            "strengths": strengths(told, language),
            "forOthers": forOthers(told, language)
        ]
        if let name = person.name, !name.isEmpty {
            values["name"] = name
            values["title"] = "\(web.texts.text("koelkast_titel", language)) – \(name)"
        }
        if let professional = try ProfessionalStore.contact(ofInwoner: personID, in: db) {
            var contact: [String: Any] = ["email": professional.email]
            if let name = professional.name { contact["name"] = name }
            if let phone = professional.phone { contact["phone"] = phone }
            values["hulpverlener"] = contact
        }
        return values
    }

    /// Goals the inwoner stopped are off the page, and so are cancelled actions: the fridge shows
    /// what is still theirs to do, and what they did.
    private func goals(_ language: Language, _ renderer: Renderer) throws -> [[String: Any]] {
        let goals = try PlanRows.goals(personID: personID, in: db).filter { $0.status != "gestopt" }
        return goals.enumerated().map { index, goal in
            let area =
                goal.leefgebied.map { web.catalog.text("leefgebieden.\($0)", language) }
                ?? web.texts.text("koelkast_doel", language, ["n": "\(index + 1)"])
            let actions = goal.actions.filter { $0.status != "vervallen" }.map { action(of: $0, language, renderer) }
            return [
                "area": area, "picto": pictogram(goal.leefgebied), "text": goal.text, "actions": actions, "hasActions": !actions.isEmpty
            ]
        }
    }

    private func action(of action: PlanRows.Action, _ language: Language, _ renderer: Renderer) -> [String: Any] {
        var who: String
        switch action.ownerKind {
        case "inwoner": who = web.texts.text("koelkast_ik", language)
        case "netwerk": who = action.memberName.map(Self.firstName) ?? web.texts.text("koelkast_iemand", language)
        default: who = web.texts.text("koelkast_mijn_hulpverlener_doet", language)
        }
        if let via = action.via(web.library.socialMap, language) {
            who += " " + web.texts.text("koelkast_met", language, ["name": via])
        }
        let day =
            action.dueDate.map { date in
                renderer.longDate(date) + (action.dueTime.map { ", \($0)" } ?? "")
            } ?? web.texts.text("koelkast_geen_dag", language)
        return ["what": action.what, "who": who, "day": day, "done": action.status == "gedaan"]
    }

    /// The pictograms are SVG drawings, one template each (`picto-<leefgebied>.mustache`), so that
    /// a gemeente with other leefgebieden adds a drawing without a new build; a leefgebied without
    /// one, or a goal without a leefgebied, gets the flag of `picto-doel`. They are our own markup,
    /// never the inwoner's words, so the template puts them in unescaped.
    private func pictogram(_ leefgebied: String?) -> String {
        let svg = leefgebied.flatMap { web.pages.html("picto-\($0)", [:]) } ?? web.pages.html("picto-doel", [:]) ?? ""
        return svg.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func strengths(_ told: [IntakeStore.Strength], _ language: Language) -> [[String: Any]] {
        Self.strengthKinds.map { kind in
            let items = told.filter { $0.kind == kind }.map { ["text": $0.text] }
            return ["kind": kind, "label": web.texts.text("koelkast_\(kind)", language), "items": items, "empty": items.isEmpty]
        }
    }

    private func forOthers(_ told: [IntakeStore.Strength], _ language: Language) -> [[String: Any]] {
        told.filter { Self.forOthersKinds.contains($0.kind) }.map {
            ["label": web.texts.text("koelkast_\($0.kind)", language), "text": $0.text]
        }
    }

    /// "Ans" of "Ans Jansen": on the fridge a first name is enough. A name with a word in lower
    /// case is how the inwoner calls someone ("Mijn moeder", "de buurvrouw", "Ans de Vries") and
    /// stays whole, so nobody becomes "Mijn" or "de".
    static func firstName(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard let first = words.first, words.allSatisfy({ $0.first?.isUppercase == true }) else {
            return name.trimmingCharacters(in: .whitespaces)
        }
        return String(first)
    }
}
