import Dialog
import Foundation
import GRDB

/// A message outside any conversation (a reminder, "Ans heeft het gedaan"): rendered in the
/// person's language and queued on the channel they used last.
enum Notice {
    static func queue(_ key: String, vars: [String: Value], to personID: Int64, library: FlowLibrary, at now: Date,
                      in db: Database) throws -> OutgoingMessage? {
        guard let (channel, _) = try PersonStore.primaryContact(personID: personID, in: db) else { return nil }
        let language = try PersonStore.language(personID: personID, in: db)
        let text = Renderer(catalog: library.catalog, language: language).render(key, vars: vars)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return try MessageStore.queueOutbound(personID: personID, channel: channel, key: key, text: text, replyTo: nil, at: now, in: db)
    }
}
