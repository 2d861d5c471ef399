import Foundation

/// Reads the stored conversation state straight from its UTF-8 bytes, the counterpart of
/// `StateJSON`: `JSONDecoder` with `Conversation.init(from:)` was most of the CPU of reading a state.
///
/// It reads what that decoder reads and the way it reads it: today's shape (checkpoints as
/// differences) and the older one (whole `vars` per checkpoint), keys in any order, unknown keys
/// ignored, the first of a repeated key used, `node` / `module` / `lastActivity` absent or `null`,
/// values as `Value.init(from:)` takes them (`1.0` is the number 1, `1.5` is an error). Stricter
/// than `JSONDecoder` on what no writer produces: trailing commas, invalid strings under keys it
/// does not read, and more than `maxDepth` nested arrays and objects (`JSONDecoder` allows 512).
struct StateJSONReader {
    struct Error: Swift.Error, CustomStringConvertible, Equatable {
        /// Where in the input, counted in bytes from 0.
        var offset: Int
        var expected: String
        var found: String
        var description: String { "conversation state JSON at byte \(offset): expected \(expected), found \(found)" }
    }

    /// Far deeper than any state; a recursive reader must stop somewhere before the stack does.
    static let maxDepth = 64

    static func read(_ data: Data) throws(Error) -> Conversation {
        try withBytes(data) { bytes throws(Error) in try read(bytes) }
    }

    static func read(_ bytes: [UInt8]) throws(Error) -> Conversation {
        try bytes.withUnsafeBufferPointer { buffer in Result { () throws(Error) in try read(buffer) } }.get()
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Error) -> Conversation {
        try document(bytes) { reader throws(Error) in try reader.conversation() }
    }

    /// Only `stateVersion`, from a document that is otherwise valid JSON: to explain why a state from
    /// a newer program cannot be read.
    static func version(_ data: Data) throws(Error) -> Int {
        try withBytes(data) { bytes throws(Error) in
            try document(bytes) { reader throws(Error) in
                var version = 0
                try reader.object(VersionKey.self, depth: 1) { r, _ throws(Error) in version = try r.integer() }
                return version
            }
        }
    }

    private static func withBytes<R>(_ data: Data, _ body: (UnsafeBufferPointer<UInt8>) throws(Error) -> R) throws(Error) -> R {
        try data.withUnsafeBytes { raw in Result { () throws(Error) in try body(raw.assumingMemoryBound(to: UInt8.self)) } }.get()
    }

    private static func document<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout StateJSONReader) throws(Error) -> R) throws(Error)
        -> R
    {
        var reader = StateJSONReader(bytes: bytes)
        // JSONDecoder skips a UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.pos = 3 }
        let result = try body(&reader)
        reader.skipWhitespace()
        guard reader.pos == bytes.count else { throw reader.error("the end of the input") }
        return result
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// A string with escapes is unescaped here, reused for every such string.
    var scratch: [UInt8] = []
    /// The fields of the records being read, innermost last: each becomes a dictionary of the right
    /// size when its record ends, rather than one that grows and rehashes as it is filled.
    var pairs: [(key: String, value: Value)] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: The state

    private mutating func conversation() throws(Error) -> Conversation {
        var stateVersion = 0
        var flowID = ""
        var flowVersion = 0
        var language = Language.nl
        var node: String?
        var frames: [LoopFrame] = []
        var vars: [String: Value] = [:]
        var tries = 0
        var history: [StoredCheckpoint] = []
        var module: String?
        var answeredInModule = 0
        var optedOut = false
        var paused = false
        var finished = false
        var nextID = 0
        var lastActivity: Date?
        var pending: Value?
        var partTotal: Int?
        var afterCrisis = false
        try object(StateKey.self, depth: 1) { r, key throws(Error) in
            switch key {
            case .stateVersion: stateVersion = try r.integer()
            case .flowID: flowID = try r.string()
            case .flowVersion: flowVersion = try r.integer()
            case .language: language = try r.language()
            case .node: node = try r.null() ? nil : r.string()
            case .frames: frames = try r.frames(depth: 2)
            case .vars: vars = try r.dictionary(depth: 2)
            case .tries: tries = try r.integer()
            case .history:
                try r.elements(depth: 2) { r throws(Error) in history.append(try r.storedCheckpoint(depth: 3)) }
            case .module: module = try r.null() ? nil : r.string()
            case .answeredInModule: answeredInModule = try r.integer()
            case .optedOut: optedOut = try r.bool()
            case .paused: paused = try r.bool()
            case .finished: finished = try r.bool()
            case .pending: pending = try r.value(depth: 2)
            case .partTotal: partTotal = try r.integer()
            case .afterCrisis: afterCrisis = try r.bool()
            case .nextID: nextID = try r.integer()
            // .secondsSince1970, as the state was written.
            case .lastActivity: lastActivity = try r.null() ? nil : Date(timeIntervalSince1970: r.double())
            }
        }
        var state = Conversation(flowID: flowID, flowVersion: flowVersion, language: language)
        state.stateVersion = stateVersion
        state.node = node
        state.frames = frames
        state.vars = vars
        state.tries = tries
        // After the object: `vars` and `frames` may come after `history`.
        state.history = StoredCheckpoint.resolve(history, vars: vars, frames: frames)
        state.module = module
        state.answeredInModule = answeredInModule
        state.optedOut = optedOut
        state.paused = paused
        state.finished = finished
        state.pending = pending
        state.partTotal = partTotal
        state.afterCrisis = afterCrisis
        state.nextID = nextID
        state.lastActivity = lastActivity
        return state
    }

    private mutating func language() throws(Error) -> Language {
        skipWhitespace()
        let start = pos
        let name = try string()
        guard let language = Language(rawValue: name) else {
            throw error(Language.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "), at: start)
        }
        return language
    }

    private mutating func storedCheckpoint(depth: Int) throws(Error) -> StoredCheckpoint {
        var c = StoredCheckpoint(node: "", answeredInModule: 0, nextID: 0)
        try object(CheckpointKey.self, depth: depth) { r, key throws(Error) in
            switch key {
            case .node: c.node = try r.string()
            case .frames: c.frames = try r.null() ? nil : r.frames(depth: depth + 1)
            case .module: c.module = try r.null() ? nil : r.string()
            case .answeredInModule: c.answeredInModule = try r.integer()
            case .vars: c.vars = try r.null() ? nil : r.dictionary(depth: depth + 1)
            case .set: c.set = try r.null() ? nil : r.dictionary(depth: depth + 1)
            case .unset:
                if try r.null() {
                    c.unset = nil
                    return
                }
                var names: [String] = []
                try r.elements(depth: depth + 1) { r throws(Error) in names.append(try r.string()) }
                c.unset = names
            case .nextID: c.nextID = try r.integer()
            }
        }
        return c
    }

    private mutating func frames(depth: Int) throws(Error) -> [LoopFrame] {
        var frames: [LoopFrame] = []
        try elements(depth: depth) { r throws(Error) in
            var frame = LoopFrame(node: "", alias: "", items: [], index: 0)
            try r.object(FrameKey.self, depth: depth + 1) { r, key throws(Error) in
                switch key {
                case .node: frame.node = try r.string()
                case .alias: frame.alias = try r.string()
                case .items: frame.items = try r.values(depth: depth + 2)
                case .index: frame.index = try r.integer()
                }
            }
            frames.append(frame)
        }
        return frames
    }

    // MARK: Values, as `Value.init(from:)` reads them

    private mutating func value(depth: Int) throws(Error) -> Value {
        skipWhitespace()
        switch peek {
        case .quote: return .text(try string())
        case .openBrace: return try objectValue(depth: depth)
        case .openBracket: return .list(try values(depth: depth))
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try bool())
        case UInt8(ascii: "n"):
            try literal("null")
            return .none
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try integer())
        default: throw error("a value")
        }
    }

    private mutating func values(depth: Int) throws(Error) -> [Value] {
        var items: [Value] = []
        try elements(depth: depth) { r throws(Error) in items.append(try r.value(depth: depth + 1)) }
        return items
    }

    /// A variable dictionary (`vars`, `set`): every key a value, `$date` and `$option` too.
    private mutating func dictionary(depth: Int) throws(Error) -> [String: Value] {
        try record(depth: depth, markers: false).fields
    }

    /// An object in a value: a date, an option or a record. Which one depends on keys that may come
    /// anywhere in it, so it is read as a record until a marker turns up, then again as what it is.
    private mutating func objectValue(depth: Int) throws(Error) -> Value {
        let start = pos
        var shape: Shape
        do throws(Error) {
            let record = try record(depth: depth, markers: true)
            if record.shape == .record { return .record(record.fields) }
            shape = record.shape
        } catch {
            // A date or an option ignores fields a record reads: one of those may have failed.
            pos = start
            shape = try markerShape(depth: depth)
            if shape == .record { throw error }
        }
        pos = start
        return shape == .date ? try date(depth: depth) : try option(depth: depth)
    }

    private enum Shape { case record, date, option }

    /// Reads an object's fields, the first of a repeated key winning as in JSONDecoder. With
    /// `markers`, a non-null `$date` (the first one) makes it a date and a non-null `$option` an
    /// option, unless it has such a `$date` too; the rest of it is then only checked.
    private mutating func record(depth: Int, markers: Bool) throws(Error) -> (shape: Shape, fields: [String: Value]) {
        let base = pairs.count
        defer { pairs.removeSubrange(base...) }
        var shape = Shape.record
        var dateAfterOption = false
        try members(depth: depth) { r throws(Error) in
            let key = try r.string()
            try r.colon()
            switch shape {
            case .record:
                if markers && (key == "$date" || key == "$option") && !r.hasPair(key, from: base) && !r.nextIsNull() {
                    shape = key == "$date" ? .date : .option
                    try r.skipValue(depth: depth + 1)
                    return
                }
                let start = r.pos
                do throws(Error) {
                    let value = try r.value(depth: depth + 1)
                    r.pairs.append((key, value))
                } catch {
                    // JSONDecoder does not read the value of a repeated key.
                    guard r.hasPair(key, from: base) else { throw error }
                    r.pos = start
                    try r.skipValue(depth: depth + 1)
                }
            case .option:
                if key == "$date" && !dateAfterOption && !r.hasPair(key, from: base) {
                    dateAfterOption = true
                    if !r.nextIsNull() { shape = .date }
                }
                try r.skipValue(depth: depth + 1)
            case .date:
                try r.skipValue(depth: depth + 1)
            }
        }
        guard shape == .record else { return (shape, [:]) }
        var fields = [String: Value](minimumCapacity: pairs.count - base)
        for (key, value) in pairs[base...] {
            if let first = fields.updateValue(value, forKey: key) { fields[key] = first }
        }
        return (.record, fields)
    }

    private func hasPair(_ key: String, from base: Int) -> Bool {
        pairs[base...].contains { $0.key == key }
    }

    /// Only which of the three the object at `pos` is, for when reading it as a record failed.
    private mutating func markerShape(depth: Int) throws(Error) -> Shape {
        var date: Bool?
        var option: Bool?
        try members(depth: depth) { r throws(Error) in
            switch try r.keyIndex(MarkerKey.self).map({ MarkerKey.allCases[$0] }) {
            case .date? where date == nil: date = !r.nextIsNull()
            case .option? where option == nil: option = !r.nextIsNull()
            default: break
            }
            try r.skipValue(depth: depth + 1)
        }
        return date == true ? .date : option == true ? .option : .record
    }

    private mutating func date(depth: Int) throws(Error) -> Value {
        var date = LocalDate(year: 0, month: 0, day: 0)
        var time: LocalTime?
        try object(DateValueKey.self, depth: depth) { r, key throws(Error) in
            switch key {
            case .date:
                try r.object(DateKey.self, depth: depth + 1) { r, key throws(Error) in
                    switch key {
                    case .year: date.year = try r.integer()
                    case .month: date.month = try r.integer()
                    case .day: date.day = try r.integer()
                    }
                }
            case .time:
                if try r.null() { return }
                var t = LocalTime(hour: 0, minute: 0)
                try r.object(TimeKey.self, depth: depth + 1) { r, key throws(Error) in
                    switch key {
                    case .hour: t.hour = try r.integer()
                    case .minute: t.minute = try r.integer()
                    }
                }
                time = t
            }
        }
        return .date(date, time)
    }

    private mutating func option(depth: Int) throws(Error) -> Value {
        var list = ""
        var key = ""
        try object(OptionKey.self, depth: depth) { r, field throws(Error) in
            switch field {
            case .list: list = try r.string()
            case .key: key = try r.string()
            }
        }
        return .option(list: list, key: key)
    }
}

// MARK: Keys

private enum StateKey: String, JSONKeys {
    case stateVersion, flowID, flowVersion, language, node, frames, vars, tries, history, module, answeredInModule,
        optedOut, paused, finished, pending, partTotal, afterCrisis, nextID, lastActivity
    static let keys = KeySet(Self.self, optional: [.node, .module, .pending, .partTotal, .afterCrisis, .lastActivity])
}

private enum VersionKey: String, JSONKeys {
    case stateVersion
    static let keys = KeySet(Self.self)
}

private enum CheckpointKey: String, JSONKeys {
    case node, frames, module, answeredInModule, vars, set, unset, nextID
    static let keys = KeySet(Self.self, optional: [.frames, .module, .vars, .set, .unset])
}

private enum FrameKey: String, JSONKeys {
    case node, alias, items, index
    static let keys = KeySet(Self.self)
}

private enum MarkerKey: String, JSONKeys {
    case date = "$date", option = "$option"
    static let keys = KeySet(Self.self, optional: [.date, .option])
}

private enum DateValueKey: String, JSONKeys {
    case date = "$date", time
    static let keys = KeySet(Self.self, optional: [.time])
}

private enum DateKey: String, JSONKeys {
    case year, month, day
    static let keys = KeySet(Self.self)
}

private enum TimeKey: String, JSONKeys {
    case hour, minute
    static let keys = KeySet(Self.self)
}

private enum OptionKey: String, JSONKeys {
    case list = "$option", key
    static let keys = KeySet(Self.self)
}
