import Foundation

/// Writes a `Conversation` as the same JSON its `Codable` conformance reads, without going through
/// `JSONEncoder`, which was most of the CPU of a turn. TERUG checkpoints are written as differences
/// (`StoredCheckpoint`), which made a state of a long conversation some 3 kB instead of 20. `Conversation.decode` reads both; the tests check that every
/// state of the golden transcripts and random values survive the round trip.
struct StateJSON {
    /// UTF-8 bytes: appending bytes is several times faster than appending to a String.
    private var out: [UInt8] = []
    /// The encoding of the state before, whose unchanged TERUG entries are copied.
    private var previous: EncodedState?
    /// Where each TERUG entry lies in `out`.
    private var entries: [Range<Int>] = []
    /// How many entries were copied from `previous`.
    private var copied = 0
    /// The top-level variables as written, with where each value lies in `out`.
    private var written: [Layout.Variable] = []
    /// How many of them were copied from `previous`.
    private var copiedVariables = 0

    static func encode(_ state: Conversation) -> [UInt8] {
        encode(state, reusing: nil).bytes
    }

    typealias Layout = EncodedState.Layout

    static func encode(_ state: Conversation, reusing previous: EncodedState?)
        -> (bytes: [UInt8], layout: Layout, copied: Int, copiedVariables: Int)
    {
        var writer = StateJSON()
        writer.previous = previous
        writer.out.reserveCapacity(previous.map { $0.json.utf8.count + 1_024 } ?? 8_192)
        writer.conversation(state)
        let layout = Layout(history: state.history, entries: writer.entries, variables: writer.written)
        return (writer.out, layout, writer.copied, writer.copiedVariables)
    }

    static func encode(_ value: Value) -> [UInt8] {
        var writer = StateJSON()
        writer.value(value)
        return writer.out
    }

    private mutating func conversation(_ s: Conversation) {
        out += "{"
        field("stateVersion")
        out += String(s.stateVersion)
        out += ","
        field("flowID")
        string(s.flowID)
        out += ","
        field("flowVersion")
        out += String(s.flowVersion)
        out += ","
        field("language")
        string(s.language.rawValue)
        if let node = s.node {
            out += ","
            field("node")
            string(node)
        }
        out += ","
        field("frames")
        frames(s.frames)
        out += ","
        field("vars")
        variables(s.vars)
        out += ","
        field("tries")
        out += String(s.tries)
        out += ","
        field("history")
        history(s)
        if let module = s.module {
            out += ","
            field("module")
            string(module)
        }
        out += ","
        field("answeredInModule")
        out += String(s.answeredInModule)
        out += ","
        field("optedOut")
        out += s.optedOut ? "true" : "false"
        out += ","
        field("paused")
        out += s.paused ? "true" : "false"
        out += ","
        field("finished")
        out += s.finished ? "true" : "false"
        if let pending = s.pending {
            out += ","
            field("pending")
            value(pending)
        }
        if let total = s.partTotal {
            out += ","
            field("partTotal")
            out += String(total)
        }
        if s.afterCrisis {
            out += ","
            field("afterCrisis")
            out += "true"
        }
        out += ","
        field("nextID")
        out += String(s.nextID)
        if let date = s.lastActivity {
            out += ","
            field("lastActivity")
            out += "\(date.timeIntervalSince1970)"
        }
        out += "}"
    }

    /// The variables as `record` writes them. A turn changes one or two of them: a value identical
    /// to the one the previous encoding wrote under the same name is copied from it.
    private mutating func variables(_ vars: [String: Value]) {
        out += "{"
        let before = previous?.layout.variables ?? []
        var b = 0
        for (index, entry) in vars.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out += "," }
            field(entry.key)
            let start = out.count
            // Both are in the same order: walking on finds the previous value of this name, if any.
            while b < before.count, before[b].name < entry.key { b += 1 }
            if b < before.count, before[b].value.isIdentical(to: entry.value), before[b].name.utf8.elementsEqual(entry.key.utf8),
                copy(before[b].range)
            {
                copiedVariables += 1
            } else {
                value(entry.value)
            }
            written.append(.init(name: entry.key, value: entry.value, range: start..<out.count))
        }
        out += "}"
    }

    /// Appends bytes of the previous encoding.
    private mutating func copy(_ range: Range<Int>) -> Bool {
        guard let previous else { return false }
        return previous.json.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0[range]) } != nil
    }

    /// Each checkpoint as its difference from the one after it, the newest from the state itself
    /// (see `StoredCheckpoint`).
    private mutating func history(_ s: Conversation) {
        out += "["
        // A turn appends a checkpoint and may drop the oldest: the entries of checkpoints whose
        // successor is the same as before are the same bytes as before.
        let shift = previous.flatMap { p in
            [0, 1].first { p.layout.history.indices.contains($0) && p.layout.history[$0] == s.history.first }
        }
        for (index, c) in s.history.enumerated() {
            if index > 0 { out += "," }
            let start = out.count
            let next = index + 1 < s.history.count ? s.history[index + 1] : nil
            if let shift, let next, !copyEntry(at: index + shift, checkpoint: c, next: next) {
                checkpoint(c, nextVars: next.vars, nextFrames: next.frames)
            } else if shift == nil || next == nil {
                checkpoint(c, nextVars: next?.vars ?? s.vars, nextFrames: next?.frames ?? s.frames)
            }
            entries.append(start..<out.count)
        }
        out += "]"
    }

    /// Copies the previous encoding's entry `index` when it was written for this checkpoint
    /// followed by this successor (not against the state itself).
    private mutating func copyEntry(at index: Int, checkpoint: Checkpoint, next: Checkpoint) -> Bool {
        guard let previous, index + 1 < previous.layout.history.count,
            previous.layout.history[index] == checkpoint, previous.layout.history[index + 1] == next
        else { return false }
        guard copy(previous.layout.entries[index]) else { return false }
        copied += 1
        return true
    }

    private mutating func checkpoint(_ c: Checkpoint, nextVars: [String: Value], nextFrames: [LoopFrame]) {
        out += "{"
        field("node")
        string(c.node)
        if c.frames != nextFrames {
            out += ","
            field("frames")
            frames(c.frames)
        }
        if let module = c.module {
            out += ","
            field("module")
            string(module)
        }
        out += ","
        field("answeredInModule")
        out += String(c.answeredInModule)
        let (set, unset) = Self.differences(of: c.vars, from: nextVars)
        if !set.isEmpty {
            out += ","
            field("set")
            record(set)
        }
        if !unset.isEmpty {
            out += ","
            field("unset")
            array(unset) { $0.string($1) }
        }
        out += ","
        field("nextID")
        out += String(c.nextID)
        out += "}"
    }

    /// What a checkpoint's variables set and unset against those of the checkpoint after it.
    private static func differences(of vars: [String: Value], from next: [String: Value]) -> (set: [String: Value], unset: [String]) {
        // The newest checkpoint is taken when its question is asked, and the variables do not change
        // after that in the turn: both are then one and the same dictionary.
        if sameStorage(vars, next) { return ([:], []) }
        var set: [String: Value] = [:]
        var shared = 0
        // Most values are the very ones of the next checkpoint (copies share them): no deep comparison.
        for (key, value) in vars {
            if let nextValue = next[key] {
                shared += 1
                if nextValue.isIdentical(to: value) || nextValue == value { continue }
            }
            set[key] = value
        }
        // Every name of the next checkpoint is one of these (the usual case): nothing to look up.
        let unset = shared == next.count ? [] : next.keys.filter { vars[$0] == nil }.sorted()
        return (set, unset)
    }

    /// Whether two dictionaries are one and the same storage (so equal without a look at their contents).
    static func sameStorage(_ a: [String: Value], _ b: [String: Value]) -> Bool {
        sharesReference(a, b)
    }

    private mutating func frames(_ frames: [LoopFrame]) {
        array(frames) { writer, frame in
            writer.out += "{"
            writer.field("node")
            writer.string(frame.node)
            writer.out += ","
            writer.field("alias")
            writer.string(frame.alias)
            writer.out += ","
            writer.field("items")
            writer.array(frame.items) { $0.value($1) }
            writer.out += ","
            writer.field("index")
            writer.out += String(frame.index)
            writer.out += "}"
        }
    }

    private mutating func value(_ v: Value) {
        switch v {
        case .text(let s): string(s)
        case .number(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .none: out += "null"
        case .list(let items): array(items) { $0.value($1) }
        case .record(let r): record(r)
        case .date(let d, let t):
            out += "{"
            field("$date")
            out += "{\"year\":\(d.year),\"month\":\(d.month),\"day\":\(d.day)}"
            if let t {
                out += ","
                field("time")
                out += "{\"hour\":\(t.hour),\"minute\":\(t.minute)}"
            }
            out += "}"
        case .option(let list, let key):
            out += "{"
            field("$option")
            string(list)
            out += ","
            field("key")
            string(key)
            out += "}"
        }
    }

    /// Keys in sorted order, so equal states are equal bytes (dictionary order differs per process).
    private mutating func record(_ r: [String: Value]) {
        out += "{"
        for (index, entry) in r.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out += "," }
            field(entry.key)
            value(entry.value)
        }
        out += "}"
    }

    private mutating func array<T>(_ items: [T], _ write: (inout StateJSON, T) -> Void) {
        out += "["
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            write(&self, item)
        }
        out += "]"
    }

    private mutating func field(_ name: String) {
        string(name)
        out += ":"
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as UTF-8.
    private mutating func string(_ s: String) {
        out.append(0x22)
        // Most strings need no escape: copied in one go instead of byte by byte.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied != true { escape(s) }
        out.append(0x22)
    }

    private mutating func escape(_ s: String) {
        for byte in s.utf8 {
            switch byte {
            case 0x22:
                out.append(0x5C)
                out.append(0x22)
            case 0x5C:
                out.append(0x5C)
                out.append(0x5C)
            case 0x0A:
                out.append(0x5C)
                out.append(UInt8(ascii: "n"))
            case 0x0D:
                out.append(0x5C)
                out.append(UInt8(ascii: "r"))
            case 0x09:
                out.append(0x5C)
                out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out += "\\u00"
                out.append(Self.hex[Int(byte >> 4)])
                out.append(Self.hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)
}

extension Conversation {
    /// The state as JSON, copying what did not change from `previous` (the state before this
    /// turn's, as encoded); the same bytes as `encoded()`.
    public func encoded(reusing previous: EncodedState?) -> EncodedState {
        let (bytes, layout, _, _) = StateJSON.encode(self, reusing: previous)
        return EncodedState(json: String(decoding: bytes, as: UTF8.self), layout: layout)
    }
}

extension Value {
    /// The value as JSON, written as the conversation state writes it (keys sorted).
    public var json: String { String(decoding: StateJSON.encode(self), as: UTF8.self) }
}

/// `bytes += "text"` appends the text's UTF-8.
private func += (bytes: inout [UInt8], text: String) {
    bytes.append(contentsOf: text.utf8)
}
