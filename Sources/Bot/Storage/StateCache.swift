import Dialog
import Foundation

/// Decoded conversation states, keyed by person and flow and checked against the stored JSON.
/// Decoding a state (about 20 kB of JSON with its TERUG history) was half the CPU of a turn; an
/// inwoner in the middle of a conversation now skips it. The database stays the only truth: an
/// entry is used only when the JSON just read from the row is byte for byte the one it was made
/// from, so a rolled-back transaction or a write elsewhere simply misses the cache.
final class StateCache: @unchecked Sendable {
    private struct Key: Hashable {
        let personID: Int64
        let flowID: String
    }

    private struct Entry {
        let json: String
        let state: Conversation
        /// How `json` was written, for the next turn's encoding to copy from (nil when it was read).
        let encoded: EncodedState?
        var used: UInt64
    }

    private let lock = NSLock()
    private let capacity: Int
    private var entries: [Key: Entry] = [:]
    /// Whose conversation a sender's last message went to (a hint: see `latest(sender:)`).
    private var senders: [String: Key] = [:]
    private var clock: UInt64 = 0

    /// The conversations going on right now, not the whole caseload: a state with its history takes
    /// some tens of kilobytes in memory, and the server stays well under 64 MiB.
    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    func state(personID: Int64, flowID: String, json: String) -> Conversation? {
        lock.withLock {
            let key = Key(personID: personID, flowID: flowID)
            guard var entry = entries[key], entry.json == json else { return nil }
            clock += 1
            entry.used = clock
            entries[key] = entry
            return entry.state
        }
    }

    func store(_ state: Conversation, json: String, personID: Int64, flowID: String, encoded: EncodedState? = nil) {
        lock.withLock {
            clock += 1
            entries[Key(personID: personID, flowID: flowID)] = Entry(json: json, state: state, encoded: encoded, used: clock)
            if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
                entries[oldest] = nil
                // A sender whose conversation went is dropped in bulk, not at each eviction: with many
                // inwoners every message evicts one, and walking all senders each time was work in the writer.
                if senders.count > 2 * capacity { senders = senders.filter { entries[$0.value] != nil } }
            }
        }
    }

    /// Notes that `sender`'s message went to this conversation.
    func remember(sender: String, personID: Int64, flowID: String) {
        lock.withLock {
            let key = Key(personID: personID, flowID: flowID)
            if entries[key] != nil { senders[sender] = key }
        }
    }

    /// How many senders are remembered (bounded by twice the capacity, plus one).
    var senderCount: Int { lock.withLock { senders.count } }

    /// The conversation `sender`'s last message went to, as last stored: where their next message
    /// most likely continues. Only a hint (it may be rolled back, or another flow may have started
    /// since); whoever uses it checks it against the database.
    func latest(sender: String) -> (personID: Int64, flowID: String, json: String, state: Conversation, encoded: EncodedState?)? {
        lock.withLock {
            guard let key = senders[sender], let entry = entries[key] else { return nil }
            return (key.personID, key.flowID, entry.json, entry.state, entry.encoded)
        }
    }
}
