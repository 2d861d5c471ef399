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

/// Sends one channel's messages. Senders only talk HTTP; the dispatcher does the bookkeeping.
protocol MessageSender: Sendable {
    var channel: String { get }
    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult
    /// The provider's ids of the messages it accepted for this message's address with this very
    /// text since `since`, newest first: what an attempt whose result was never recorded (the
    /// server died between sending and recording) may have become. Nil when the provider cannot
    /// be asked, or did not answer.
    func accepted(_ message: OutgoingMessage, since: Date) async -> [String]?
}

extension MessageSender {
    func accepted(_ message: OutgoingMessage, since: Date) async -> [String]? { nil }
}

/// What a sender may need to know beyond the message.
struct SendContext: Sendable {
    /// When the person last wrote to us on this channel (WhatsApp: free text within 24 hours).
    var lastInboundAt: Date?
    var now: Date
    /// Stable per outbox row, for providers that accept an idempotency key.
    var idempotencyKey: String
}
