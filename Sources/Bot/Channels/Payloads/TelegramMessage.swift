import Foundation

/// The fields of a Telegram `message` the assistant uses.
struct TelegramMessage: Sendable, Equatable {
    var updateID: Int64
    var messageID: Int64
    /// Unix seconds.
    var date: Int64
    /// The reply target; negative for groups, `-100…` for supergroups.
    var chatID: Int64
    /// `private`, `group`, `supergroup` or `channel`.
    var chatType: String
    var fromID: Int64?
    var fromIsBot: Bool
    var firstName: String?
    var username: String?
    /// IETF tag of the user's app language (`nl`, `en`), when Telegram sends it.
    var languageCode: String?
    /// Nil for photos, stickers and other messages without text.
    var text: String?

    /// Whether this is a one-to-one chat with the bot (the only chats the assistant should answer).
    var isPrivate: Bool { chatType == "private" }
}
