import Dialog
import Foundation
import GRDB
import Hummingbird

/// Mijn plan (`/mijn`): see and print the plan, report on a step, move it, add a step, write to the
/// professional. Every change goes through `MijnChanges`; each answer comes back as a
/// message on the page (POST, then redirect, then GET).
struct MijnPlanRoutes {
    let web: WebContext

    static let maxText = 300
    static let maxNote = 2000

    func register(on mijn: MijnRouter) {
        mijn.get("mijn") { page in
            try await web.database.read { db in
                page.render(
                    web, "mijn-plan", title: "plan_titel", notices: ["verslag", "datum", "actie", "notitie"],
                    try MijnPlan(web: web, personID: page.personID, language: page.language, db: db).values())
            }
        }
        // The plan for the fridge, the same page the professional prints.
        mijn.get("mijn/printen") { page in
            try await web.database.read { db in
                var values = try FridgePlan(web: web, personID: page.personID, now: page.now, db: db).values()
                values["back"] = "/mijn"
                return page.render(web, "mijn-printen", title: "plan_titel", values)
            }
        }
        mijn.post("mijn/acties/:action/verslag") { page in
            let actionID = try page.parameter("action")
            guard let outcome = page.form.text("uitkomst"), ["gedaan", "deels"].contains(outcome) else {
                throw WebError.badRequest("kies_uitkomst")
            }
            let helped = try page.form.text("geholpen").map { text -> Int in
                guard let score = Int(text), (0...10).contains(score) else { throw WebError.badRequest("kies_cijfer") }
                return score
            }
            try await page.edit(web) { try $0.report(actionID: actionID, done: outcome == "gedaan", helped: helped) }
            return Pages.redirect("/mijn?melding=verslag#actie-\(actionID)")
        }
        mijn.post("mijn/acties/:action/datum") { page in
            let actionID = try page.parameter("action")
            let day = try Self.day(page.form.text("datum"), today: WebFormat.today(page.now))
            guard let day else { throw WebError.badRequest("kies_datum") }
            try await page.edit(web) { try $0.reschedule(actionID: actionID, to: day) }
            return Pages.redirect("/mijn?melding=datum#actie-\(actionID)")
        }
        mijn.post("mijn/doelen/:goal/acties") { page in
            let goalID = try page.parameter("goal")
            guard let what = page.form.text("wat"), what.count <= Self.maxText else { throw WebError.badRequest("vul_stap_in") }
            let day = try Self.day(page.form.text("datum"), today: WebFormat.today(page.now))
            try await page.edit(web) { try $0.add(goalID: goalID, what: what, due: day) }
            return Pages.redirect("/mijn?melding=actie#doel-\(goalID)")
        }
        mijn.post("mijn/notitie") { page in
            guard let text = page.form.text("notitie"), text.count <= Self.maxNote else { throw WebError.badRequest("vul_notitie_in") }
            try await page.edit(web) { try $0.note(text) }
            return Pages.redirect("/mijn?melding=notitie#notitie")
        }
    }

    /// A date from the form (`yyyy-mm-dd`, as a date field sends it), today or later; nil when empty.
    static func day(_ text: String?, today: LocalDate) throws -> LocalDate? {
        guard let text else { return nil }
        guard let day = LocalDate(iso: text), day.isValid else { throw WebError.badRequest("datum_klopt_niet") }
        guard day >= today else { throw WebError.badRequest("datum_voorbij") }
        return day
    }
}
