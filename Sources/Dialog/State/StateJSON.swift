import Foundation

/// Writes a `Conversation` as the same JSON its `Codable` conformance reads, without going through
/// `JSONEncoder`: a state with its TERUG history is some 20 kB, and encoding it with Foundation
/// was most of the CPU of a turn. `Conversation.decode` reads both; the tests check that every
/// state of the golden transcripts and random values survive the round trip.
struct StateJSON {
    private(set) var out = ""

    static func encode(_ state: Conversation) -> String {
        var writer = StateJSON()
        writer.out.reserveCapacity(8_192)
        writer.conversation(state)
        return writer.out
    }

    private mutating func conversation(_ s: Conversation) {
        out += "{"
        field("stateVersion"); out += String(s.stateVersion)
        out += ","; field("flowID"); string(s.flowID)
        out += ","; field("flowVersion"); out += String(s.flowVersion)
        out += ","; field("language"); string(s.language.rawValue)
        if let node = s.node { out += ","; field("node"); string(node) }
        out += ","; field("frames"); frames(s.frames)
        out += ","; field("vars"); record(s.vars)
        out += ","; field("tries"); out += String(s.tries)
        out += ","; field("history"); array(s.history) { $0.checkpoint($1) }
        if let module = s.module { out += ","; field("module"); string(module) }
        out += ","; field("answeredInModule"); out += String(s.answeredInModule)
        out += ","; field("optedOut"); out += s.optedOut ? "true" : "false"
        out += ","; field("paused"); out += s.paused ? "true" : "false"
        out += ","; field("finished"); out += s.finished ? "true" : "false"
        out += ","; field("nextID"); out += String(s.nextID)
        if let date = s.lastActivity { out += ","; field("lastActivity"); out += "\(date.timeIntervalSince1970)" }
        out += "}"
    }

    private mutating func checkpoint(_ c: Checkpoint) {
        out += "{"
        field("node"); string(c.node)
        out += ","; field("frames"); frames(c.frames)
        if let module = c.module { out += ","; field("module"); string(module) }
        out += ","; field("answeredInModule"); out += String(c.answeredInModule)
        out += ","; field("vars"); record(c.vars)
        out += ","; field("nextID"); out += String(c.nextID)
        out += "}"
    }

    private mutating func frames(_ frames: [LoopFrame]) {
        array(frames) { writer, frame in
            writer.out += "{"
            writer.field("node"); writer.string(frame.node)
            writer.out += ","; writer.field("alias"); writer.string(frame.alias)
            writer.out += ","; writer.field("items"); writer.array(frame.items) { $0.value($1) }
            writer.out += ","; writer.field("index"); writer.out += String(frame.index)
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
            out += "{"; field("$date")
            out += "{\"year\":\(d.year),\"month\":\(d.month),\"day\":\(d.day)}"
            if let t { out += ","; field("time"); out += "{\"hour\":\(t.hour),\"minute\":\(t.minute)}" }
            out += "}"
        case .option(let list, let key):
            out += "{"; field("$option"); string(list); out += ","; field("key"); string(key); out += "}"
        }
    }

    /// Keys in sorted order, so equal states are equal bytes (dictionary order differs per process).
    private mutating func record(_ r: [String: Value]) {
        out += "{"
        for (index, key) in r.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            field(key)
            value(r[key] ?? .none)
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
        out += "\""
        var plain = true
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            plain = false
            break
        }
        if plain {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
