import Dialog
import Foundation
import GRDB
import Hummingbird

/// `GET /` (the caseload, sortable) and enrolling a new inwoner.
struct CaseloadRoutes {
    let web: WebContext

    func register(on pages: WebRouter) {
        pages.get("/") { page in
            let sort = page.request.uri.queryParameters.get("sort").flatMap(Caseload.Sort.init(rawValue:)) ?? .naam
            let rows = try await web.database.read { db in
                try Caseload.rows(
                    professionalID: page.professionalID, today: WebFormat.today(page.now), label: { web.label("leefgebieden", $0) }, in: db)
            }
            let columns = Caseload.Sort.allCases.map { column -> [String: Any] in
                [
                    "key": column.rawValue, "label": column.label, "current": column == sort,
                    "dir": column == .naam || column == .voortgang ? "ascending" : "descending"
                ]
            }
            return web.pages.render(
                "caseload",
                Chrome.page(
                    session: page.session, title: "Mijn caseload",
                    [
                        "rows": Caseload.sorted(rows, by: sort).map(\.values), "empty": rows.isEmpty, "columns": columns,
                        "count": rows.count, "sortLabel": sort.label.lowercased()
                    ]))
        }
        pages.get("inwoners/nieuw") { page in enrolPage(page, message: nil, status: .ok) }
        pages.post("inwoners") { page in try await enrol(page) }
    }

    private func enrolPage(_ page: WebRequest, message: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = [
            "name": page.form["naam"] ?? "", "phone": page.form["telefoon"] ?? "",
            "whatsapp": page.form["kanaal"] == "whatsapp", "english": page.form["taal"] == "en"
        ]
        if let message { values["message"] = message }
        return web.pages.render("enrol", Chrome.page(session: page.session, title: "Nieuwe inwoner", values), status: status)
    }

    private func enrol(_ page: WebRequest) async throws -> Response {
        guard let name = page.form.text("naam"), name.count <= 100 else {
            return enrolPage(page, message: "Vul de naam van de inwoner in (hoogstens 100 tekens).", status: .badRequest)
        }
        guard case .valid(let phone) = PhoneParser.normalize(page.form.text("telefoon") ?? "", allowInternational: true) else {
            return enrolPage(page, message: "Dit is geen geldig mobiel nummer. Voorbeeld: 06-12345678.", status: .badRequest)
        }
        let channel = page.form["kanaal"] == "whatsapp" ? "whatsapp" : "sms"
        let language: Language = page.form["taal"] == "en" ? .en : .nl
        do {
            let personID = try await web.database.write { db -> Int64 in
                _ = try web.service.enroll(phone: phone, name: name, channel: channel, language: language, at: page.now, in: db)
                let id = try PersonStore.id(phone: phone, in: db) ?? 0
                try ProfessionalStore.assign(personID: id, to: page.professionalID, in: db)
                try AuditLog.record("aangemeld", professionalID: page.professionalID, personID: id, at: page.now, in: db)
                return id
            }
            return Pages.redirect("/inwoners/\(personID)")
        } catch is ConversationService.AlreadyEnrolled {
            return enrolPage(
                page, message: "Dit telefoonnummer is al aangemeld. Elke inwoner kan maar één keer meedoen.", status: .conflict)
        }
    }
}

extension WebContext {
    /// The inwoner with this id if they are on the professional's caseload; anyone else is a 404.
    /// The visit or change goes into the audit log in the same transaction.
    func inwoner(_ page: WebRequest, event: String, in db: any SQLConnection) throws -> Int64 {
        let id = try page.parameter("id")
        guard try CaseloadStore.isOnCaseload(personID: id, professionalID: page.professionalID, in: db) else { throw WebError.notFound }
        try AuditLog.record(event, professionalID: page.professionalID, personID: id, at: page.now, in: db)
        return id
    }
}
