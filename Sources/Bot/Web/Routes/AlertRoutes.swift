import Foundation
import GRDB
import Hummingbird

/// `GET /signalen` (open and recently handled alerts of the caseload), marking one handled with a note.
struct AlertRoutes {
    let web: WebContext

    func register(on pages: WebRouter) {
        pages.get("signalen") { page in
            try await web.database.read { db in
                let list = AlertList(web: web, db: db)
                let open = try list.open(professionalID: page.professionalID)
                let handled = try list.handled(professionalID: page.professionalID, limit: 20)
                return web.pages.render(
                    "alerts",
                    Chrome.page(
                        session: page.session, title: "Signalen",
                        [
                            "open": open, "handled": handled, "noOpen": open.isEmpty, "hasHandled": !handled.isEmpty
                        ]))
            }
        }
        pages.post("signalen/:alert") { page in
            let alertID = try page.parameter("alert")
            let note = page.form.text("notitie")
            guard (note?.count ?? 0) <= 2000 else { throw WebError.badRequest("De notitie is te lang (meer dan 2000 tekens).") }
            try await web.database.write { db in
                guard let inwonerID = try AlertStore.owner(alertID: alertID, professionalID: page.professionalID, in: db) else {
                    throw WebError.notFound
                }
                try AlertStore.markHandled(alertID: alertID, note: note, at: page.now, in: db)
                try AuditLog.record("signaal afgehandeld", professionalID: page.professionalID, personID: inwonerID, at: page.now, in: db)
            }
            return Pages.redirect(page.form.text("inwoner").flatMap(Int64.init).map { "/inwoners/\($0)#signalen" } ?? "/signalen")
        }
    }
}
