import Foundation
import GRDB
import Hummingbird
import Logging

/// The AVG rights in the web view: export an inwoner's data, erase an inwoner (after a confirmation
/// step), and the audit log for admins.
struct PrivacyRoutes {
    let web: WebContext

    func register(on pages: WebRouter) {
        pages.get("inwoners/:id/export") { page in
            let (id, document) = try await web.database.write { db in
                let id = try web.inwoner(page, event: "gegevens geëxporteerd", in: db)
                return (id, try PersonExport.document(personID: id, in: db))
            }
            return Pages.download(json: document, filename: "inwoner-\(id).json")
        }
        pages.get("inwoners/:id/wissen") { page in
            let (id, name) = try await web.database.write { db in
                let id = try web.inwoner(page, event: "wissen overwogen", in: db)
                return (id, try PersonStore.name(personID: id, in: db) ?? "")
            }
            return web.pages.render("erase", Chrome.page(session: page.session, title: "Inwoner wissen", ["id": id, "name": name]))
        }
        pages.post("inwoners/:id/wissen") { page in
            guard page.form.text("bevestig")?.uppercased() == "WISSEN" else {
                throw WebError.badRequest("Typ WISSEN in het vak om te bevestigen dat alle gegevens weg mogen. Er is niets gewist.")
            }
            try await web.database.write { db in
                let id = try web.inwoner(page, event: "gewist", in: db)
                try Erasure.erase(personID: id, at: page.now, in: db)
            }
            // Done only when no earlier copy is left in the files; else say so, and let the
            // background finish it (`ErasureFinisher`).
            let progress = try await Erasure.finish(web.database, clock: web.clock)
            let busy = progress == .inProgress
            web.logger.notice(
                busy ? "inwoner erased; an earlier copy goes once a reader lets go" : "inwoner erased",
                metadata: ["professional": "\(page.professionalID)"])
            return web.pages.render("erased", Chrome.page(session: page.session, title: busy ? "Wordt gewist" : "Gewist", ["bezig": busy]))
        }
        pages.get("audit") { page in
            guard page.session.professional.isAdmin else { throw WebError.notFound }
            let entries = try await web.database.read { db in try AuditLog.recent(limit: 500, in: db) }
            return web.pages.render(
                "audit",
                Chrome.page(
                    session: page.session, title: "Auditlog",
                    [
                        "entries": entries.map { entry -> [String: Any] in
                            [
                                "at": WebFormat.dateTime(entry.at), "who": entry.email ?? "verwijderd account",
                                "person": entry.personID.map { "inwoner \($0)" } ?? "–", "event": entry.event
                            ]
                        }
                    ]))
        }
    }
}
