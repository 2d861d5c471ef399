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
        var used: UInt64
    }

    private let lock = NSLock()
    private let capacity: Int
    private var entries: [Key: Entry] = [:]
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

    func store(_ state: Conversation, json: String, personID: Int64, flowID: String) {
        lock.withLock {
            clock += 1
            entries[Key(personID: personID, flowID: flowID)] = Entry(json: json, state: state, used: clock)
            if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
                entries[oldest] = nil
            }
        }
    }
}
