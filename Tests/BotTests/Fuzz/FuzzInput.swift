import Foundation

/// SplitMix64: small, fast and the same on every platform, so a printed seed replays a run exactly.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Fuzz settings from the environment: `FUZZ_COUNT` requests (default small, for `scripts/test`)
/// and `FUZZ_SEED` (default fixed), printed so that a failing run can be replayed.
enum FuzzSettings {
    static func count(default value: Int) -> Int {
        ProcessInfo.processInfo.environment["FUZZ_COUNT"].flatMap(Int.init) ?? value
    }
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_129
    }
}

/// Hostile contents: what a careless gateway, a confused user or an attacker might send.
enum HostileText {
    static let fixed: [String] = [
        "", " ", "\t\n\r", "ja", "nee", "7", "STOP", "START", "HULP", "?", "TERUG", "HERHAAL", "OVERSLAAN", "PAUZE",
        "English", "Nederlands", "0612345678", "morgen om 10:00", "volgende week dinsdag", "Fatima",
        "'; DROP TABLE message; --", "1' OR '1'='1", "\" OR 1=1 --", "Robert'); DELETE FROM person;--",
        "<script>alert(1)</script>", "<Response><Message>x</Message></Response>", "]]><!--", "&amp;&lt;&#0;",
        "{{7*7}}", "${jndi:ldap://x}", "%s%s%n%@", "../../../etc/passwd", "\\u0000", "null", "true", "[]", "{}",
        "👩‍👩‍👧‍👦", "🇳🇱🏳️‍🌈", "😀😀😀😀😀😀😀😀😀😀", "مرحبا كيف حالك", "\u{202E}gnp.exe", "שלום \u{200F}עולם",
        "\u{0}", "\u{7}\u{8}\u{1B}[31m", "\u{FEFF}ja", "\u{200B}7\u{200B}", "ｊａ", "Ⅶ", "٧", "e\u{301}\u{301}\u{301}",
        "ja\u{0}nee", "\r\nSTOP", "STOP\u{0}", "nee; ja", "10/10", "-1", "99999999999999999999", "1e309", "NaN",
        "+31612345678", "0031 6 1234 5678", "whatsapp:+31612345678", "‮‭", "\u{FFFD}", "\u{10FFFF}"
    ]

    static func make(_ r: inout SeededRandom) -> String {
        switch r.int(0...9) {
        case 0...3: return r.pick(fixed)
        case 4: return String(repeating: r.pick(["a", "é", "😀", "ج", "\u{0}", " ", "7"]), count: r.int(1...20_000))
        case 5: return String(String.UnicodeScalarView((0..<r.int(1...200)).map { _ in randomScalar(&r) }))
        case 6: return "e" + String(repeating: "\u{301}", count: r.int(1...5_000))
        case 7: return r.pick(fixed) + " " + r.pick(fixed) + " " + r.pick(fixed)
        case 8: return String((0..<r.int(0...64)).map { _ in Character(UnicodeScalar(UInt8(r.int(0...127)))) })
        default: return r.pick(["ja", "nee", "7", "3", "Wonen", "Gezondheid", "1, 3 en 5", "Ik weet het niet"])
        }
    }

    static func randomScalar(_ r: inout SeededRandom) -> Unicode.Scalar {
        while true {
            let value: UInt32 =
                switch r.int(0...3) {
                case 0: UInt32(r.int(0...0x7F))
                case 1: UInt32(r.int(0x80...0x7FF))
                case 2: UInt32(r.int(0x800...0xFFFF))
                default: UInt32(r.int(0x10000...0x10FFFF))
                }
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    /// Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences.
    static func invalidUTF8(_ r: inout SeededRandom) -> [UInt8] {
        r.pick([[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE, 0xFF]])
    }
}

/// Mutations of raw bytes: flips, deletions, insertions, truncation, duplication.
enum Mutate {
    static func bytes(_ input: [UInt8], _ r: inout SeededRandom) -> [UInt8] {
        var b = input
        for _ in 0..<r.int(1...8) {
            switch r.int(0...6) {
            case 0 where !b.isEmpty: b[r.int(0...b.count - 1)] ^= UInt8(1 << r.int(0...7))
            case 1 where !b.isEmpty: b.remove(at: r.int(0...b.count - 1))
            case 2: b.insert(UInt8(r.int(0...255)), at: r.int(0...b.count))
            case 3 where !b.isEmpty: b = Array(b.prefix(r.int(0...b.count - 1)))
            case 4: b.insert(contentsOf: r.pick(Array("&=%{}[]\",:\\+".utf8).map { [$0] }), at: r.int(0...b.count))
            case 5: b.insert(contentsOf: HostileText.invalidUTF8(&r), at: r.int(0...b.count))
            case 6 where !b.isEmpty:
                let start = r.int(0...b.count - 1)
                b.insert(contentsOf: b[start..<min(b.count, start + r.int(1...64))], at: r.int(0...b.count))
            default: break
            }
        }
        return b
    }

    static func randomBytes(_ r: inout SeededRandom, max: Int = 2_000) -> [UInt8] {
        (0..<r.int(0...max)).map { _ in UInt8(r.int(0...255)) }
    }
}
