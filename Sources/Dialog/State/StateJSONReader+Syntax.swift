import Foundation

/// The JSON syntax under `StateJSONReader`: objects, arrays, numbers, strings (escapes and UTF-8
/// checked) and whitespace, on bytes, with errors naming the byte.
extension StateJSONReader {
    // MARK: Objects and arrays

    /// Reads an object with the keys of `K`: `field` reads the value of the first of each, the
    /// values of other keys and of repeated ones are skipped (JSONDecoder ignores them), and a key
    /// that is not optional must be there.
    mutating func object<K: JSONKeys>(_: K.Type, depth: Int, _ field: (inout Self, K) throws(Error) -> Void) throws(Error) {
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
    mutating func members(depth: Int, _ member: (inout Self) throws(Error) -> Void) throws(Error) {
        try delimited(.openBrace, .closeBrace, depth: depth, member)
    }

    /// `[`, then `element` for each item, separated by commas, then `]`.
    mutating func elements(depth: Int, _ element: (inout Self) throws(Error) -> Void) throws(Error) {
        try delimited(.openBracket, .closeBracket, depth: depth, element)
    }

    /// `opening`, then `item` for each item, separated by commas, then `closing`.
    private mutating func delimited(
        _ opening: UInt8, _ closing: UInt8, depth: Int,
        _ item: (inout Self) throws(Error) -> Void
    ) throws(Error) {
        try open(opening, depth: depth)
        skipWhitespace()
        if peek == closing {
            pos += 1
            return
        }
        while true {
            try item(&self)
            skipWhitespace()
            switch peek {
            case .comma: pos += 1
            case closing:
                pos += 1
                return
            default: throw error(closing == .closeBrace ? "',' or '}'" : "',' or ']'")
            }
        }
    }

    mutating func open(_ bracket: UInt8, depth: Int) throws(Error) {
        skipWhitespace()
        guard peek == bracket else { throw error(bracket == .openBrace ? "an object" : "an array") }
        guard depth <= Self.maxDepth else { throw error("at most \(Self.maxDepth) nested arrays and objects") }
        pos += 1
    }

    /// Checks and moves past a value that is not read.
    mutating func skipValue(depth: Int) throws(Error) {
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

    mutating func colon() throws(Error) {
        skipWhitespace()
        guard peek == .colon else { throw error("':'") }
        pos += 1
    }

    // MARK: Scalars

    /// Moves past `null` if that comes next.
    mutating func null() throws(Error) -> Bool {
        guard nextIsNull() else { return false }
        try literal("null")
        return true
    }

    mutating func nextIsNull() -> Bool {
        skipWhitespace()
        return peek == UInt8(ascii: "n")
    }

    mutating func bool() throws(Error) -> Bool {
        skipWhitespace()
        if peek == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        if peek == UInt8(ascii: "f") {
            try literal("false")
            return false
        }
        throw error("true or false")
    }

    mutating func literal(_ word: StaticString) throws(Error) {
        let matches = word.withUTF8Buffer { word in
            bytes.count - pos >= word.count && word.indices.allSatisfy { bytes[pos + $0] == word[$0] }
        }
        guard matches else { throw error("\(word)") }
        pos += word.utf8CodeUnitCount
    }

    /// An `Int` as JSONDecoder reads one: a whole number, also when written `1.0` or `1e2`.
    mutating func integer() throws(Error) -> Int {
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
                guard !overflow && !overflow2 else {
                    throw error("a whole number that fits in an Int", at: start, found: text(start..<pos))
                }
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
    mutating func double() throws(Error) -> Double {
        skipWhitespace()
        let start = pos
        _ = try number()
        let text = text(start..<pos)
        let mantissa = text.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
        guard let double = Double(text), double.isFinite,
            double != 0 || !mantissa.contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) })
        else {
            throw error("a number that fits in a Double", at: start, found: text)
        }
        return double
    }

    /// Moves past a number in JSON's syntax; true when it has neither a fraction nor an exponent.
    mutating func number() throws(Error) -> Bool {
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
    mutating func digits() throws(Error) {
        guard peek.isDigit else { throw error("a digit") }
        while peek.isDigit { pos += 1 }
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: Strings

    mutating func string() throws(Error) -> String {
        try withString { String(decoding: $0, as: UTF8.self) }
    }

    /// A key and its colon: which of `K` it is.
    mutating func keyIndex<K: JSONKeys>(_: K.Type) throws(Error) -> Int? {
        let index = try withString { K.keys.index(of: $0) }
        try colon()
        return index
    }

    /// Reads a string and hands `body` its UTF-8, escapes resolved, checked to be valid.
    mutating func withString<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(Error) -> R {
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
    mutating func unescapedString<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(Error) -> R {
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

    mutating func escape() throws(Error) {
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

    mutating func hex4() throws(Error) -> UInt32 {
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
    mutating func utf8Sequence() throws(Error) {
        let length: Int
        let second: ClosedRange<UInt8>
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
            (2..<length).allSatisfy({ bytes[pos + $0] & 0xC0 == 0x80 })
        else { throw error("UTF-8") }
        pos += length
    }

    // MARK: Bytes

    /// The byte at `pos`, 0 at the end (a 0 is never valid where this is used).
    var peek: UInt8 { pos < bytes.count ? bytes[pos] : 0 }

    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    func error(_ expected: String, at offset: Int? = nil, found: String? = nil) -> Error {
        let offset = offset ?? pos
        return Error(offset: offset, expected: expected, found: found ?? describe(at: offset))
    }

    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        if (0x20..<0x7F).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}

/// The keys of an object the reader knows, compared as bytes.
protocol JSONKeys: RawRepresentable<String>, CaseIterable, Equatable where AllCases == [Self] {
    static var keys: KeySet { get }
}

struct KeySet {
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

extension UInt8 {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}
