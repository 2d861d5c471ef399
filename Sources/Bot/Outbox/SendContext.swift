import Foundation

/// What a sender may need to know beyond the message.
struct SendContext: Sendable {
    /// When the person last wrote to us on this channel (WhatsApp: free text within 24 hours).
    var lastInboundAt: Date?
    var now: Date
    /// Stable per outbox row, for providers that accept an idempotency key.
    var idempotencyKey: String
}
