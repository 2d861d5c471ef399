import Dialog
import Foundation
import GRDB
import Hummingbird

/// Waar sta ik (`/mijn/stand`): the spiegelbladen and scores; rate a leefgebied again, or mark it
/// to talk about.
struct MijnStandRoutes {
    let web: WebContext

    func register(on mijn: MijnRouter) {
        mijn.get("mijn/stand") { page in
            try await web.database.read { db in
                page.render(
                    web, "mijn-stand", title: "stand_titel", notices: ["cijfer", "praten"],
                    try MijnStand(web: web, personID: page.personID, language: page.language, db: db).values())
            }
        }
        mijn.post("mijn/stand/cijfer") { page in
            let leefgebied = try leefgebied(page)
            guard let score = page.form.text("cijfer").flatMap({ Int($0) }), (0...10).contains(score) else {
                throw WebError.badRequest("kies_cijfer")
            }
            try await page.edit(web) { try $0.rate(leefgebied: leefgebied, score: score) }
            return Pages.redirect("/mijn/stand?melding=cijfer#scores")
        }
        mijn.post("mijn/stand/praten") { page in
            let leefgebied = try leefgebied(page)
            try await page.edit(web) { try $0.talk(about: leefgebied) }
            return Pages.redirect("/mijn/stand?melding=praten#scores")
        }
    }

    /// One of the intake's leefgebieden, else the reason.
    private func leefgebied(_ page: MijnRequest) throws -> String {
        guard let key = page.form.text("leefgebied"), Standing.leefgebieden(in: web.library).contains(key)
        else { throw WebError.badRequest("kies_leefgebied") }
        return key
    }
}
