import Foundation
import GRDB
import Hummingbird

/// The conversation in the browser (`/mijn/gesprek`): one more channel of the same conversation.
/// An answer here is the inwoner's next message, through the same engine, state and idempotency
/// as a text message (`WebChat`); the next SMS goes on where the browser stopped.
struct MijnGesprekRoutes {
    let web: WebContext

    func register(on mijn: MijnRouter) {
        mijn.get("mijn/gesprek") { page in
            try await render(page, chat: chatView(page))
        }
        mijn.post("mijn/gesprek") { page in
            let refusal = try await web.database.write { db -> WebChat.Refusal? in
                switch WebChat.check(answer: page.form["antwoord"], messageID: page.form["bericht"]) {
                case .failure(let refusal): return refusal
                case .success(let answer):
                    do {
                        _ = try WebChat(service: web.service).answer(
                            answer.text, personID: page.personID, messageID: answer.messageID, at: page.now, in: db)
                        return nil
                    } catch let refusal as WebChat.Refusal {
                        return refusal
                    }
                }
            }
            guard let refusal else { return Pages.redirect("/mijn/gesprek#antwoord") }
            // Shown again with why and what was typed; nothing was stored.
            var chat = chatView(page)
            chat.refusal = refusal
            chat.typed = page.form["antwoord"]
            return try await render(page, chat: chat, status: .badRequest)
        }
    }

    private func chatView(_ page: MijnRequest) -> ChatView {
        ChatView(personID: page.personID, postPath: "/mijn/gesprek", messageID: WebChat.newMessageID(), csrf: page.session.csrfToken)
    }

    private func render(_ page: MijnRequest, chat: ChatView, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await web.database.read { db in
            page.render(web, "mijn-gesprek", title: "gesprek_titel", ["chat": try chat.values(texts: web.texts, in: db)], status: status)
        }
    }
}
