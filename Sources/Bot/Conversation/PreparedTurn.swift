import Dialog
import Foundation
import GRDB

/// A turn worked out before the write transaction, on the request's own task, from the state the
/// sender's conversation had when it was last stored (kept in `StateCache`; no database read).
/// The engine and the state's encoding then run beside the one writer that every message waits
/// for, instead of inside it. The writer uses the turn only when the stored state is still byte for
/// byte the one it started from, for the same person and flow; otherwise (a message of the same
/// person committed in between, a rollback, a follow-up flow started) it works the turn out itself.
package struct PreparedTurn: Sendable {
    let personID: Int64
    let flowID: String
    /// The stored state JSON the turn started from.
    let base: String
    let transition: Transition
    /// `transition.state`, encoded.
    let json: String
    /// How `json` was written (for the next turn to copy from).
    var encoded: EncodedState? = nil

    func isFor(personID: Int64, flowID: String, base: String) -> Bool {
        self.personID == personID && self.flowID == flowID && self.base == base
    }
}

extension ConversationService {
    static func sender(of message: InboundMessage) -> String {
        "\(message.channel) \(message.address)"
    }

    /// The message's turn from the sender's last stored state, or nil when that is not in memory.
    package func prepare(_ message: InboundMessage) -> PreparedTurn? {
        guard let latest = states.latest(sender: Self.sender(of: message)) else { return nil }
        return preparers.withEngine(latest.flowID) { engine in
            engine.map {
                prepare(message, personID: latest.personID, engine: $0, base: latest.json, state: latest.state, encoded: latest.encoded)
            }
        }
    }

    /// The message's turn from the state stored now, read in a read transaction (beside the
    /// writer): for a sender whose state is not in memory (a caseload larger than the cache), so
    /// reading and decoding their state and the engine do not run inside the one writer. Nil for
    /// a sender without a stored conversation, or when anything cannot be read (the writer then
    /// works the turn out itself and reports what is wrong).
    func prepareFromStore(_ message: InboundMessage) async -> PreparedTurn? {
        let stored = try? await database.read { db -> (personID: Int64, flowID: String, json: String)? in
            guard let personID = try PersonStore.id(channel: message.channel, address: message.address, in: db) else { return nil }
            let flowID = try self.engine(personID: personID, in: db).flow.id
            guard let json = try ConversationStore.storedJSON(personID: personID, flowID: flowID, in: db) else { return nil }
            return (personID, flowID, json)
        }
        guard let stored = stored.flatMap({ $0 }),
            let state = try? ConversationStore.decode(stored.json, personID: stored.personID, flowID: stored.flowID, cache: states)
        else { return nil }
        return preparers.withEngine(stored.flowID) { engine in
            engine.map { prepare(message, personID: stored.personID, engine: $0, base: stored.json, state: state, encoded: nil) }
        }
    }

    /// `encoded` is how `base` was written, when known: the new state's encoding copies from it.
    private func prepare(
        _ message: InboundMessage, personID: Int64, engine: Engine, base: String, state: Conversation,
        encoded previous: EncodedState?
    ) -> PreparedTurn {
        let transition = engine.advance(state, with: .message(message.text), at: message.receivedAt)
        let encoded = transition.state.encoded(reusing: previous?.json == base ? previous : nil)
        return PreparedTurn(
            personID: personID, flowID: engine.flow.id, base: base, transition: transition, json: encoded.json, encoded: encoded)
    }
}
