import Foundation

/// A Telegram webhook update, as far as the assistant cares.
enum TelegramUpdate: Sendable, Equatable {
    /// A new message (text or not).
    case message(TelegramMessage)
    /// Any other update (`edited_message`, `callback_query`, …): acknowledge it and do nothing.
    case ignored(updateID: Int64)

    /// `update_id`: increases per bot; the webhook can be retried with the same id.
    var updateID: Int64 {
        switch self {
        case .message(let message): message.updateID
        case .ignored(let updateID): updateID
        }
    }
}
