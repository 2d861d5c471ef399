import Dialog
import Foundation
import GRDB

/// A message outside any conversation (a reminder, "Ans heeft het gedaan"): rendered in the
/// person's language and queued on the channel they used last, or, for the sender of the message
/// being answered (`reply`), as a reply to it.
enum Notice {
    static func queue(
        _ key: String, vars: [String: Value], to personID: Int64, library: FlowLibrary, at now: Date,
        reply: ReplyContext? = nil, in db: any SQLConnection
    ) throws -> OutgoingMessage? {
        let replying = reply?.replying(to: personID)
        guard let channel = try replying?.channel ?? PersonStore.primaryContact(personID: personID, in: db)?.channel else { return nil }
        let language = try PersonStore.language(personID: personID, in: db)
        let text = Renderer(catalog: library.catalog, language: language).render(key, vars: vars)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let message = try MessageStore.queueOutbound(
            personID: personID, channel: channel, key: key, text: text, replyTo: replying?.messageID,
            at: now, sentInline: replying?.sentInline ?? false, address: replying?.address, in: db)
        replying?.add([message])
        return message
    }
}
