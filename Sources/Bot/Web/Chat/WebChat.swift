import Foundation
import GRDB

/// The web as one more channel of the same conversation, for the inwoner's own chat page and for
/// the professional who fills it in together with them. An answer goes through
/// `ConversationService.apply` like every message: one transaction for the message, the engine's
/// step, the state, the answers and what is queued. Each form carries a one-time message id as the
/// provider id, so a second post of the same form is a duplicate and applies nothing.
///
/// The replies are shown on the page: stored as sent (inline), never handed to the dispatcher. The
/// person is known by id, so no `web` contact is made and their own channel stays the one that
/// reminders and later questions go to.
struct WebChat {
    static let channel = "web"
    /// How a message entered by a professional beside the inwoner is marked.
    static let together = "samen"

    let service: ConversationService

    /// Why an answer was not taken; nothing was stored.
    enum Refusal: Error, Equatable {
        case empty
        /// Longer than the channels take (`PayloadLimits.maxTextScalars`).
        case tooLong
        /// The form's one-time id is missing or not one this page made.
        case badMessageID
        /// The one-time id was used before, for another person.
        case otherPerson
    }

    /// A fresh one-time id for a form: 256 random bits, base64url.
    static func newMessageID() -> String {
        WebSessionStore.randomToken()
    }

    /// The answer as it is applied (trimmed), or why it is refused.
    static func check(answer: String?, messageID: String?) -> Result<(text: String, messageID: String), Refusal> {
        guard let messageID, (16...64).contains(messageID.count),
            messageID.unicodeScalars.allSatisfy(idScalars.contains)
        else { return .failure(.badMessageID) }
        let text = (answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .failure(.empty) }
        if PayloadLimits.checkText(text, field: "antwoord") != nil { return .failure(.tooLong) }
        return .success((text, messageID))
    }

    private static let idScalars = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".unicodeScalars)

    /// Applies `text` as the person's next message inside the caller's write transaction.
    /// `professionalID`: the professional who entered it with the inwoner (`via` samen).
    ///
    /// What was still waiting in the outbox for the person when it came is dropped: the page they
    /// answered on showed it, and sent afterwards by SMS it would ask again what the browser
    /// answered. What the answer itself starts for them on their own channel is kept.
    func answer(
        _ text: String, personID: Int64, messageID: String, professionalID: Int64? = nil, at now: Date, in db: any SQLConnection
    ) throws -> ConversationService.Result {
        let message = InboundMessage(
            channel: Self.channel, address: "", phone: nil, providerID: messageID, text: text, receivedAt: now,
            personID: personID, via: professionalID == nil ? nil : Self.together, professionalID: professionalID)
        let result = try service.apply(message, in: db, inline: true)
        switch result {
        case .duplicate(let earlier, _):
            guard earlier == personID else { throw Refusal.otherPerson }
        case .applied:
            if let stored = try MessageStore.inbound(channel: Self.channel, providerID: messageID, in: db) {
                try OutboxStore.cancelShown(personID: personID, before: stored.id, at: now, reason: "shown in the web chat", in: db)
            }
        }
        return result
    }
}
