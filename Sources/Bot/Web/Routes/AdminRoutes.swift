import Foundation
import GRDB
import Hummingbird

/// `GET /beheer` for admins: inwoners who wrote in by themselves and are on nobody's caseload yet,
/// and assigning them to a professional.
struct AdminRoutes {
    let web: WebContext

    func register(on pages: WebRouter) {
        pages.get("beheer") { page in
            guard page.session.professional.isAdmin else { throw WebError.notFound }
            return try await web.database.read { db in
                let people = try CaseloadStore.unassigned(limit: 500, in: db)
                let professionals = try ProfessionalStore.all(in: db)
                return web.pages.render(
                    "admin",
                    Chrome.page(
                        session: page.session, title: "Beheer",
                        [
                            "people": people.map { person -> [String: Any] in
                                [
                                    "id": person.id, "name": person.name.isEmpty ? "(geen naam)" : person.name,
                                    "phone": WebFormat.masked(person.phone), "since": WebFormat.day(person.createdAt)
                                ]
                            },
                            "empty": people.isEmpty,
                            "professionals": professionals.map { ["id": $0.id, "email": $0.email] as [String: Any] }
                        ]))
            }
        }
        pages.post("beheer/toewijzen") { page in
            guard page.session.professional.isAdmin else { throw WebError.notFound }
            guard let personID = page.form.text("inwoner").flatMap(Int64.init),
                let professionalID = page.form.text("professional").flatMap(Int64.init)
            else { throw WebError.badRequest("Kies een inwoner en een professional.") }
            try await web.database.write { db in
                guard try CaseloadStore.isUnassigned(personID: personID, in: db), try ProfessionalStore.exists(id: professionalID, in: db)
                else { throw WebError.notFound }
                try ProfessionalStore.assign(personID: personID, to: professionalID, in: db)
                try AuditLog.record(
                    "toegewezen aan professional \(professionalID)", professionalID: page.professionalID, personID: personID,
                    at: page.now, in: db)
            }
            return Pages.redirect("/beheer")
        }
    }
}
