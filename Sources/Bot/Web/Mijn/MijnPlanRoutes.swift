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
            let notice = page.request.uri.queryParameters.get("melding").map { String($0) }
            return try await web.database.reader.read { db in
                var values = try MijnPlan(web: web, personID: page.personID, language: page.language, db: db).values()
                if let notice, ["verslag", "datum", "actie", "notitie"].contains(notice) {
                    values["notice"] = web.texts.text("melding_\(notice)", page.language)
                }
                let chrome = MijnChrome(web: web, language: page.language, session: page.session)
                return web.pages.render("mijn-plan", chrome.page(title: web.texts.text("plan_titel", page.language), values))
            }
        }
        // The plan for the fridge, the same page the professional prints.
        mijn.get("mijn/printen") { page in
            try await web.database.reader.read { db in
                var values = try FridgePlan(web: web, personID: page.personID, now: page.now, db: db).values()
                values["back"] = "/mijn"
                let title = values["title"] as? String ?? web.texts.text("plan_titel", page.language)
                return web.pages.render(
                    "mijn-printen", MijnChrome(web: web, language: page.language, session: page.session).page(title: title, values))
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
