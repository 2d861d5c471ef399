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
            let notice = page.request.uri.queryParameters.get("melding").map { String($0) }
            return try await web.database.reader.read { db in
                var values = try MijnGegevens(web: web, personID: page.personID, language: page.language, db: db).values()
                if let notice, ["wissen", "ingetrokken"].contains(notice) {
                    values["notice"] = web.texts.text("melding_\(notice)", page.language)
                }
                let chrome = MijnChrome(web: web, language: page.language, session: page.session)
                return web.pages.render("mijn-gegevens", chrome.page(title: web.texts.text("gegevens_titel", page.language), values))
            }
        }
        mijn.get("mijn/gegevens/export") { page in
            let document = try await web.database.writer.write { db in
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
