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

    private static func document<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout StateJSONReader) throws(Error) -> R) throws(Error) -> R {
        var reader = StateJSONReader(bytes: bytes)
        // JSONDecoder skips a UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.pos = 3 }
        let result = try body(&reader)
        reader.skipWhitespace()
        guard reader.pos == bytes.count else { throw reader.error("the end of the input") }
        return result
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    /// A string with escapes is unescaped here, reused for every such string.
    private var scratch: [UInt8] = []
    /// The fields of the records being read, innermost last: each becomes a dictionary of the right
    /// size when its record ends, rather than one that grows and rehashes as it is filled.
    private var pairs: [(key: String, value: Value)] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: The state

    private mutating func conversation() throws(Error) -> Conversation {
        var stateVersion = 0, flowID = "", flowVersion = 0, language = Language.nl, node: String?
        var frames: [LoopFrame] = [], vars: [String: Value] = [:], tries = 0, history: [StoredCheckpoint] = []
        var module: String?, answeredInModule = 0, optedOut = false, paused = false, finished = false, nextID = 0
        var lastActivity: Date?
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
                if try r.null() { c.unset = nil; return }
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
        var date: Bool?, option: Bool?
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
        var date = LocalDate(year: 0, month: 0, day: 0), time: LocalTime?
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
        var list = "", key = ""
        try object(OptionKey.self, depth: depth) { r, field throws(Error) in
            switch field {
            case .list: list = try r.string()
            case .key: key = try r.string()
            }
        }
        return .option(list: list, key: key)
    }

    // MARK: Objects and arrays

    /// Reads an object with the keys of `K`: `field` reads the value of the first of each, the
    /// values of other keys and of repeated ones are skipped (JSONDecoder ignores them), and a key
    /// that is not optional must be there.
    private mutating func object<K: JSONKeys>(_: K.Type, depth: Int, _ field: (inout Self, K) throws(Error) -> Void) throws(Error) {
        var seen: UInt32 = 0
        try members(depth: depth) { r throws(Error) in
            let index = try r.keyIndex(K.self)
            if let index, seen & (1 << index) == 0 {
                seen |= 1 << index
                try field(&r, K.allCases[index])
            } else {
                try r.skipValue(depth: depth + 1)
            }
        }
        let required = K.keys.required
        guard seen & required == required else {
            let missing = K.allCases.indices.first { required & ~seen & (1 << $0) != 0 } ?? 0
            throw error("key \"\(K.allCases[missing].rawValue)\"", at: pos - 1)
        }
    }

    /// `{`, then `member` for each key and value, separated by commas, then `}`.
    private mutating func members(depth: Int, _ member: (inout Self) throws(Error) -> Void) throws(Error) {
        try open(.openBrace, depth: depth)
        skipWhitespace()
        if peek == .closeBrace { pos += 1; return }
        while true {
            try member(&self)
            skipWhitespace()
            switch peek {
            case .comma: pos += 1
            case .closeBrace: pos += 1; return
            default: throw error("',' or '}'")
            }
        }
    }

    /// `[`, then `element` for each item, separated by commas, then `]`.
    private mutating func elements(depth: Int, _ element: (inout Self) throws(Error) -> Void) throws(Error) {
        try open(.openBracket, depth: depth)
        skipWhitespace()
        if peek == .closeBracket { pos += 1; return }
        while true {
            try element(&self)
            skipWhitespace()
            switch peek {
            case .comma: pos += 1
            case .closeBracket: pos += 1; return
            default: throw error("',' or ']'")
            }
        }
    }

    private mutating func open(_ bracket: UInt8, depth: Int) throws(Error) {
        skipWhitespace()
        guard peek == bracket else { throw error(bracket == .openBrace ? "an object" : "an array") }
        guard depth <= Self.maxDepth else { throw error("at most \(Self.maxDepth) nested arrays and objects") }
        pos += 1
    }

    /// Checks and moves past a value that is not read.
    private mutating func skipValue(depth: Int) throws(Error) {
        skipWhitespace()
        switch peek {
        case .quote: try withString { _ in }
        case .openBrace:
            try members(depth: depth) { r throws(Error) in
                try r.withString { _ in }
                try r.colon()
                try r.skipValue(depth: depth + 1)
            }
        case .openBracket: try elements(depth: depth) { r throws(Error) in try r.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw error("a value")
        }
    }

    private mutating func colon() throws(Error) {
        skipWhitespace()
        guard peek == .colon else { throw error("':'") }
        pos += 1
    }

    // MARK: Scalars

    /// Moves past `null` if that comes next.
    private mutating func null() throws(Error) -> Bool {
        guard nextIsNull() else { return false }
        try literal("null")
        return true
    }

    private mutating func nextIsNull() -> Bool {
        skipWhitespace()
        return peek == UInt8(ascii: "n")
    }

    private mutating func bool() throws(Error) -> Bool {
        skipWhitespace()
        if peek == UInt8(ascii: "t") { try literal("true"); return true }
        if peek == UInt8(ascii: "f") { try literal("false"); return false }
        throw error("true or false")
    }

    private mutating func literal(_ word: StaticString) throws(Error) {
        let matches = word.withUTF8Buffer { word in
            bytes.count - pos >= word.count && word.indices.allSatisfy { bytes[pos + $0] == word[$0] }
        }
        guard matches else { throw error("\(word)") }
        pos += word.utf8CodeUnitCount
    }

    /// An `Int` as JSONDecoder reads one: a whole number, also when written `1.0` or `1e2`.
    private mutating func integer() throws(Error) -> Int {
        skipWhitespace()
        let start = pos
        let isPlain = try number()
        if isPlain {
            let negative = bytes[start] == UInt8(ascii: "-")
            var value = 0
            for index in (negative ? start + 1 : start)..<pos {
                let digit = Int(bytes[index] &- UInt8(ascii: "0"))
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                // Negative numbers are summed as negative, so Int.min fits.
                let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
                guard !overflow && !overflow2 else { throw error("a whole number that fits in an Int", at: start, found: text(start..<pos)) }
                value = next
            }
            return value
        }
        // JSONDecoder goes through Double here, beyond 2^53 through Decimal; these states have no such numbers.
        let text = text(start..<pos)
        guard let double = Double(text), double.magnitude < 0x1p53, let value = Int(exactly: double) else {
            throw error("a whole number", at: start, found: text)
        }
        return value
    }

    /// A `Double` as JSONDecoder reads one: parsed by the C library (as `Double(String)` is), so
    /// every bit is the same; a number out of range for a Double is an error, not infinity or 0.
    private mutating func double() throws(Error) -> Double {
        skipWhitespace()
        let start = pos
        _ = try number()
        let text = text(start..<pos)
        let mantissa = text.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
        guard let double = Double(text), double.isFinite,
              double != 0 || !mantissa.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) else {
            throw error("a number that fits in a Double", at: start, found: text)
        }
        return double
    }

    /// Moves past a number in JSON's syntax; true when it has neither a fraction nor an exponent.
    private mutating func number() throws(Error) -> Bool {
        guard peek == UInt8(ascii: "-") || peek.isDigit else { throw error("a number") }
        if peek == UInt8(ascii: "-") { pos += 1 }
        if peek == UInt8(ascii: "0") {
            pos += 1
        } else {
            try digits()
        }
        var isPlain = true
        if peek == UInt8(ascii: ".") {
            pos += 1
            try digits()
            isPlain = false
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            pos += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { pos += 1 }
            try digits()
            isPlain = false
        }
        return isPlain
    }

    /// One or more digits.
    private mutating func digits() throws(Error) {
        guard peek.isDigit else { throw error("a digit") }
        while peek.isDigit { pos += 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: Strings

    private mutating func string() throws(Error) -> String {
        try withString { String(decoding: $0, as: UTF8.self) }
    }

    /// A key and its colon: which of `K` it is.
    private mutating func keyIndex<K: JSONKeys>(_: K.Type) throws(Error) -> Int? {
        let index = try withString { K.keys.index(of: $0) }
        try colon()
        return index
    }

    /// Reads a string and hands `body` its UTF-8, escapes resolved, checked to be valid.
    private mutating func withString<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(Error) -> R {
        skipWhitespace()
        guard peek == .quote else { throw error("a string") }
        pos += 1
        let start = pos
        while pos < bytes.count {
            switch bytes[pos] {
            case .quote:
                pos += 1
                return body(UnsafeBufferPointer(rebasing: bytes[start..<pos - 1]))
            case .backslash:
                // Rare: only strings with quotes, backslashes or control characters have escapes.
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<pos]))
                return try unescapedString(body)
            case 0..<0x20: throw error("a control character to be escaped")
            case 0..<0x80: pos += 1
            default: try utf8Sequence()
            }
        }
        throw error("'\"'")
    }

    /// The rest of a string that has escapes, into `scratch`.
    private mutating func unescapedString<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(Error) -> R {
        while pos < bytes.count {
            let byte = bytes[pos]
            switch byte {
            case .quote:
                pos += 1
                return scratch.withUnsafeBufferPointer(body)
            case .backslash:
                try escape()
            case 0..<0x20: throw error("a control character to be escaped")
            case 0..<0x80:
                scratch.append(byte)
                pos += 1
            default:
                let start = pos
                try utf8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<pos]))
            }
        }
        throw error("'\"'")
    }

    private mutating func escape() throws(Error) {
        let start = pos
        pos += 1
        let simple: UInt8
        switch peek {
        case .quote, .backslash, UInt8(ascii: "/"): simple = peek
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            pos += 1
            let unit = try hex4()
            var scalar: Unicode.Scalar?
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed by a low one: together they are one character.
                guard bytes.count - pos >= 2, bytes[pos] == .backslash, bytes[pos + 1] == UInt8(ascii: "u") else { break }
                pos += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) { scalar = Unicode.Scalar(0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00)) }
            default: scalar = Unicode.Scalar(unit)  // nil for a lone low surrogate
            }
            guard let scalar else { throw error("a surrogate pair (\\uD800-\\uDBFF then \\uDC00-\\uDFFF)", at: start) }
            UTF8.encode(scalar) { scratch.append($0) }
            return
        default: throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at: start)
        }
        scratch.append(simple)
        pos += 1
    }

    private mutating func hex4() throws(Error) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            let digit: UInt8
            switch peek {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = peek - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = peek - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = peek - UInt8(ascii: "A") + 10
            default: throw error("four hex digits after \\u")
            }
            unit = unit << 4 | UInt32(digit)
            pos += 1
        }
        return unit
    }

    /// Moves past one multi-byte UTF-8 character, or throws: overlong forms, surrogates and
    /// characters beyond U+10FFFF are invalid (Unicode table 3-7), as JSONDecoder finds too.
    private mutating func utf8Sequence() throws(Error) {
        let length: Int, second: ClosedRange<UInt8>
        switch bytes[pos] {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: throw error("UTF-8")
        }
        guard bytes.count - pos >= length, second.contains(bytes[pos + 1]),
              (2..<length).allSatisfy({ bytes[pos + $0] & 0xC0 == 0x80 }) else { throw error("UTF-8") }
        pos += length
    }

    // MARK: Bytes

    /// The byte at `pos`, 0 at the end (a 0 is never valid where this is used).
    private var peek: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private func error(_ expected: String, at offset: Int? = nil, found: String? = nil) -> Error {
        let offset = offset ?? pos
        return Error(offset: offset, expected: expected, found: found ?? describe(at: offset))
    }

    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        if (0x20..<0x7F).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}

// MARK: Keys

/// The keys of an object the reader knows, compared as bytes.
private protocol JSONKeys: RawRepresentable<String>, CaseIterable, Equatable where AllCases == [Self] {
    static var keys: KeySet { get }
}

private struct KeySet {
    let names: [[UInt8]]
    /// A bit for each key that must be there, by its place in `allCases`.
    let required: UInt32

    init<K: JSONKeys>(_: K.Type, optional: [K] = []) {
        names = K.allCases.map { Array($0.rawValue.utf8) }
        required = K.allCases.indices.reduce(0) { mask, index in optional.contains(K.allCases[index]) ? mask : mask | 1 << index }
    }

    func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        names.firstIndex { candidate in
            // A plain loop: `elementsEqual` here was some 5% of the time of reading a state.
            guard candidate.count == name.count else { return false }
            for (index, byte) in candidate.enumerated() where name[index] != byte { return false }
            return true
        }
    }
}

private enum StateKey: String, JSONKeys {
    case stateVersion, flowID, flowVersion, language, node, frames, vars, tries, history, module, answeredInModule,
         optedOut, paused, finished, nextID, lastActivity
    static let keys = KeySet(Self.self, optional: [.node, .module, .lastActivity])
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

private extension UInt8 {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}
