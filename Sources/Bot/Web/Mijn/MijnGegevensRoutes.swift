import Foundation
import GRDB
import Hummingbird

/// Mijn gegevens (`/mijn/gegevens`): the AVG rights of the inwoner themselves: download
/// everything stored (the same JSON as the professional's export), ask for erasure, see and
/// withdraw each consent.
struct MijnGegevensRoutes {
    let web: WebContext

    func register(on mijn: MijnRouter) {
        mijn.get("mijn/gegevens") { page in
            try await web.database.read { db in
                page.render(
                    web, "mijn-gegevens", title: "gegevens_titel", notices: ["wissen", "ingetrokken"],
                    try MijnGegevens(web: web, personID: page.personID, language: page.language, db: db).values())
            }
        }
        mijn.get("mijn/gegevens/export") { page in
            let document = try await web.database.write { db in
                try AuditLog.record("inwoner: gegevens gedownload", professionalID: nil, personID: page.personID, at: page.now, in: db)
                return try PersonExport.document(personID: page.personID, in: db)
            }
            return Pages.download(json: document, filename: "mijn-wegwijzer.json")
        }
        mijn.post("mijn/gegevens/wissen") { page in
            guard page.form["zeker"] == "ja" else { throw WebError.badRequest("wissen_bevestigen") }
            try await page.edit(web) { try $0.askErasure() }
            return Pages.redirect("/mijn/gegevens?melding=wissen")
        }
        mijn.post("mijn/gegevens/toestemming") { page in
            guard let purpose = page.form.text("doel") else { throw WebError.notFound }
            let subject = page.form.text("over")
            let shown = web.texts.text("intrekken_tekst", page.language)
            try await page.edit(web) { try $0.withdraw(purpose: purpose, subject: subject, shown: shown) }
            return Pages.redirect("/mijn/gegevens?melding=ingetrokken")
        }
    }
}
