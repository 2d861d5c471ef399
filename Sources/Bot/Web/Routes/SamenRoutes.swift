import Dialog
import Foundation
import GRDB
import Hummingbird

/// "Samen invullen": the professional runs the inwoner's own conversation with the inwoner beside
/// them, one step at a time, through the web chat. Each answer is the inwoner's next message, marked
/// as given together (`via` samen, the professional's id) and recorded in the audit log; a note for
/// the step goes with it.
struct SamenRoutes {
    let web: WebContext

    func register(on pages: WebRouter) {
        pages.get("inwoners/:id/samen") { page in
            let id = try await web.database.write { db in try web.inwoner(page, event: "samen bekeken", in: db) }
            let notice = page.request.uri.queryParameters.get("melding").flatMap { Self.notices[String($0)] }
            return try await render(page, personID: id, chat: chatView(page, personID: id), notice: notice)
        }
        pages.post("inwoners/:id/samen") { page in
            let id = try page.parameter("id")
            let note = page.form.text("notitie")
            if let note, note.count > 4000 {
                throw WebError.badRequest("Een notitie mag hoogstens 4000 tekens hebben.")
            }
            let checked = WebChat.check(answer: page.form["antwoord"], messageID: page.form["bericht"])
            let outcome = try await web.database.write { db -> Result<Bool, WebChat.Refusal> in
                guard try CaseloadStore.isOnCaseload(personID: id, professionalID: page.professionalID, in: db) else {
                    throw WebError.notFound
                }
                let answer: (text: String, messageID: String)
                switch checked {
                case .success(let checked): answer = checked
                case .failure(let refusal): return .failure(refusal)
                }
                do {
                    let result = try WebChat(service: web.service).answer(
                        answer.text, personID: id, messageID: answer.messageID, professionalID: page.professionalID, at: page.now, in: db)
                    guard case .applied = result else { return .success(false) }
                } catch let refusal as WebChat.Refusal {
                    return .failure(refusal)
                }
                try AuditLog.record("samen ingevuld", professionalID: page.professionalID, personID: id, at: page.now, in: db)
                if let note {
                    try NoteStore.add(personID: id, professionalID: page.professionalID, text: note, at: page.now, in: db)
                    try AuditLog.record("notitie", professionalID: page.professionalID, personID: id, at: page.now, in: db)
                }
                return .success(note != nil)
            }
            switch outcome {
            case .success(let noted):
                return Pages.redirect("/inwoners/\(id)/samen\(noted ? "?melding=notitie" : "")#antwoord")
            case .failure(let refusal):
                // Shown again with why and what was typed; nothing was stored.
                var chat = chatView(page, personID: id)
                chat.refusal = refusal
                chat.typed = page.form["antwoord"]
                return try await render(page, personID: id, chat: chat, note: note, status: .badRequest)
            }
        }
    }

    private func chatView(_ page: WebRequest, personID: Int64) -> ChatView {
        ChatView(
            personID: personID, postPath: "/inwoners/\(personID)/samen", messageID: WebChat.newMessageID(),
            csrf: page.session.csrfToken)
    }

    private func render(
        _ page: WebRequest, personID: Int64, chat: ChatView, notice: String? = nil, note: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await web.database.read { db in
            let name = try PersonStore.name(personID: personID, in: db) ?? ""
            var values: [String: Any] = [
                "id": personID, "name": name.isEmpty ? "de inwoner" : name,
                "optedOut": try PersonStore.optedOut(personID: personID, in: db),
                "chat": try chat.values(texts: web.texts, in: db)
            ]
            if let notice { values["notice"] = notice }
            if let note { values["note"] = note }
            return web.pages.render(
                "samen", Chrome.page(session: page.session, title: "Samen invullen", values), status: status)
        }
    }

    static let notices = [
        "notitie": "De notitie bij deze stap is opgeslagen."
    ]
}
