/// A value the conversation holds: an answer, a list built up during the flow, or a record.
///
/// Encoded as plain JSON (text, number, bool, null, array, object) so the state and the AVG export
/// stay readable; dates and choices from a fixed list carry a `$date` / `$option` marker.
public indirect enum Value: Sendable, Hashable {
    case text(String)
    case number(Int)
    case bool(Bool)
    case date(LocalDate, LocalTime?)
    /// A choice from one of the flow's fixed lists; shown as its label in the current language.
    case option(list: String, key: String)
    case list([Value])
    case record([String: Value])
    /// "weet ik niet", "geen", a skipped question.
    case none

    /// Whether the value counts as "yes / present" in a condition.
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): b
        case .none: false
        case .list(let items): !items.isEmpty
        case .text(let s): !s.isEmpty
        case .record(let r): !r.isEmpty
        case .number, .date, .option: true
        }
    }

    /// The key this value stands for when used as an index (`score[lg]`).
    public var key: String? {
        switch self {
        case .option(_, let key): key
        case .text(let s): s
        case .number(let n): String(n)
        case .record(let r): r["id"]?.key ?? r["key"]?.key
        case .bool(let b): b ? "true" : "false"
        case .date(let d, _): d.description
        case .list, .none: nil
        }
    }

    public var listItems: [Value] {
        switch self {
        case .list(let items): items
        case .none: []
        default: [self]
        }
    }

    public subscript(field: String) -> Value? {
        if case .record(let r) = self { return r[field] }
        return nil
    }

    /// Whether `other` is this very value, not just an equal one: a copy shares the box an indirect
    /// enum keeps its payload in, and a box never changes. Only an identical value may reuse bytes
    /// written for it, as an equal one may be written differently (a text in another Unicode
    /// normalisation). False when unsure (the layout is not one box reference).
    func isIdentical(to other: Value) -> Bool {
        sharesReference(self, other)
    }
}

/// Whether two values of a type that is one reference to immutable shared storage (an indirect
/// enum's box, a dictionary's storage) hold the very same reference: then they are equal without a
/// look at their contents. False when unsure (the type is not laid out as one reference).
func sharesReference<T>(_ a: T, _ b: T) -> Bool {
    guard MemoryLayout<T>.size == MemoryLayout<UInt>.size else { return false }
    return withUnsafeBytes(of: a) { a in withUnsafeBytes(of: b) { b in a.load(as: UInt.self) == b.load(as: UInt.self) } }
}

extension Value: Codable {
    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `StateJSONReader` reads values the same way (`Conversation.decode`): change both together.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                self = .none
                return
            }
            if let b = try? single.decode(Bool.self) {
                self = .bool(b)
                return
            }
            if let n = try? single.decode(Int.self) {
                self = .number(n)
                return
            }
            if let s = try? single.decode(String.self) {
                self = .text(s)
                return
            }
            if let items = try? single.decode([Value].self) {
                self = .list(items)
                return
            }
        }
        let object = try decoder.container(keyedBy: DynamicKey.self)
        if let date = try object.decodeIfPresent(LocalDate.self, forKey: DynamicKey(stringValue: "$date")) {
            let time = try object.decodeIfPresent(LocalTime.self, forKey: DynamicKey(stringValue: "time"))
            self = .date(date, time)
            return
        }
        if let list = try object.decodeIfPresent(String.self, forKey: DynamicKey(stringValue: "$option")) {
            let key = try object.decode(String.self, forKey: DynamicKey(stringValue: "key"))
            self = .option(list: list, key: key)
            return
        }
        var record: [String: Value] = [:]
        for key in object.allKeys {
            record[key.stringValue] = try object.decode(Value.self, forKey: key)
        }
        self = .record(record)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .number(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .none:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .list(let items):
            var c = encoder.singleValueContainer()
            try c.encode(items)
        case .date(let d, let t):
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(d, forKey: DynamicKey(stringValue: "$date"))
            try c.encodeIfPresent(t, forKey: DynamicKey(stringValue: "time"))
        case .option(let list, let key):
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(list, forKey: DynamicKey(stringValue: "$option"))
            try c.encode(key, forKey: DynamicKey(stringValue: "key"))
        case .record(let r):
            var c = encoder.container(keyedBy: DynamicKey.self)
            for (k, v) in r { try c.encode(v, forKey: DynamicKey(stringValue: k)) }
        }
    }
}
