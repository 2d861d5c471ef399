import Dialog
import Foundation

/// A turn worked out before the write transaction, on the request's own task, from the state the
/// sender's conversation had when it was last stored (kept in `StateCache`; no database read).
/// The engine and the state's encoding then run beside the one writer that every message waits
/// for, instead of inside it. The writer uses the turn only when the stored state is still byte for
/// byte the one it started from, for the same person and flow; otherwise (a message of the same
/// person committed in between, a rollback, a follow-up flow started) it works the turn out itself.
struct PreparedTurn: Sendable {
    let personID: Int64
    let flowID: String
    /// The stored state JSON the turn started from.
    let base: String
    let transition: Transition
    /// `transition.state`, encoded.
    let json: String

    func isFor(personID: Int64, flowID: String, base: String) -> Bool {
        self.personID == personID && self.flowID == flowID && self.base == base
    }
}

extension ConversationService {
    static func sender(of message: InboundMessage) -> String {
        "\(message.channel) \(message.address)"
    }

    /// The message's turn from the sender's last stored state, or nil when that is not in memory.
    func prepare(_ message: InboundMessage) -> PreparedTurn? {
        guard let latest = states.latest(sender: Self.sender(of: message)), let engine = engines[latest.flowID] else { return nil }
        let transition = engine.advance(latest.state, with: .message(message.text), at: message.receivedAt)
        guard let json = try? ConversationStore.encode(transition.state) else { return nil }
        return PreparedTurn(personID: latest.personID, flowID: latest.flowID, base: latest.json, transition: transition, json: json)
    }
}
