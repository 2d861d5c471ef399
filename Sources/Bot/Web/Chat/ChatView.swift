import Dialog
import Foundation
import GRDB

/// The chat as a page shows it (template partial `chat.mustache`): the person's last messages both
/// ways on every channel, the question the conversation waits for, and the form that answers it.
/// The words around the conversation come from `WebTexts` in the person's language, passed as
/// `t`; the conversation's own texts are shown as the engine wrote them. A page puts the values
/// under `chat` and may add fields of its own to the form (the block `fields`).
struct ChatView {
    /// Enough to read the question and the answers just before it on a phone.
    static let shownMessages = 8

    let personID: Int64
    /// Where the form posts.
    let postPath: String
    /// The form's one-time id (`WebChat.newMessageID()`).
    let messageID: String
    let csrf: String
    /// An answer that was refused, with what was typed, shown again to correct.
    var refusal: WebChat.Refusal?
    var typed: String?

    init(personID: Int64, postPath: String, messageID: String, csrf: String, refusal: WebChat.Refusal? = nil, typed: String? = nil) {
        self.personID = personID
        self.postPath = postPath
        self.messageID = messageID
        self.csrf = csrf
        self.refusal = refusal
        self.typed = typed
    }

    func values(texts: WebTexts, in db: any SQLConnection) throws -> [String: Any] {
        let language = try PersonStore.language(personID: personID, in: db)
        let t = texts.all(language)
        let lines = try MessageStore.transcript(personID: personID, limit: Self.shownMessages, in: db)
        // The last message Wegwijzer wrote is the question the answer goes to; the field points to it.
        let current = lines.lastIndex { !$0.inbound }
        var values: [String: Any] = [
            "lang": language.rawValue, "t": t, "postPath": postPath, "messageID": messageID, "csrf": csrf,
            "maxLength": PayloadLimits.maxTextScalars,
            "lines": lines.enumerated().map { index, line -> [String: Any] in
                [
                    "inbound": line.inbound, "text": line.text, "at": WebFormat.dateTime(line.createdAt),
                    "who": texts.text(line.inbound ? "gesprek_jij" : "gesprek_wegwijzer", language),
                    "together": line.via == WebChat.together, "current": index == current
                ]
            }
        ]
        if current == nil, let question = try MessageStore.lastOutgoing(personID: personID, in: db) {
            values["question"] = question.text
        }
        values["hasQuestion"] = current != nil || values["question"] != nil
        if let refusal {
            values["error"] = texts.text(Self.key(refusal), language)
            values["typed"] = typed ?? ""
        }
        return values
    }

    private static func key(_ refusal: WebChat.Refusal) -> String {
        switch refusal {
        case .empty: "gesprek_fout_leeg"
        case .tooLong: "gesprek_fout_te_lang"
        case .badMessageID, .otherPerson: "gesprek_fout_formulier"
        }
    }
}
