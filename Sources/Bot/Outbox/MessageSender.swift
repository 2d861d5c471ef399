import Foundation

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
