import Foundation

/// What became of one attempt to send a message.
enum SendResult: Sendable, Equatable {
    case sent(providerID: String?)
    /// A timeout or 5xx: try again later.
    case retry(String)
    /// The provider asks to wait this long first (Telegram's 429).
    case retryAfter(seconds: Double, String)
    /// A 4xx that will not get better.
    case permanent(String)
    /// The recipient unsubscribed at the provider (Twilio 21610, a blocked Telegram bot).
    case optedOut
}
