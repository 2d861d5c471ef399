import Foundation

/// SplitMix64, so a printed seed replays a fuzz run exactly (a copy of the one in BotTests: test
/// targets share no code).
struct FuzzRandom: RandomNumberGenerator {
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

    static var seed: UInt64 { ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_129 }
    static func count(default value: Int) -> Int { ProcessInfo.processInfo.environment["FUZZ_COUNT"].flatMap(Int.init) ?? value }
}

/// Answers as people (and broken phones) type them: real answers, pieces of them glued together,
/// random Unicode, control characters, emoji, right-to-left text, huge and empty strings.
enum FuzzStrings {
    static let seeds = [
        "7", "zeven", "7/10", "6,5", "een 7", "ja", "nee", "jawel", "nee hoor", "misschien", "weet niet", "1, 3 en 5",
        "wonen en geld", "Wonen", "gezondheid", "morgen", "overmorgen om 10 uur", "volgende week dinsdag", "3 december",
        "31-02-2027", "om 25:99", "ik heet Jan de Vries", "My name is Anna", "06-1234 5678", "+31 (0)6 12345678",
        "0031612345678", "020-1234567", "STOP", "HULP", "TERUG", "-1", "1e9", "99999999999999999999999", "½", "٧", "Ⅶ",
        "👍", "👩‍👩‍👧‍👦", "مرحبا", "\u{202E}ja", "\u{0}", "\u{FEFF}", "e\u{301}", "'; DROP TABLE answer;--", "<b>ja</b>",
        "", " ", "\n\n", "ja nee", "7 of 8", "7-8", "10/7", "uit", " / ", "van de", "out of"
    ]

    static func make(_ r: inout FuzzRandom) -> String {
        switch r.int(0...7) {
        case 0...1: return r.pick(seeds)
        case 2: return (0..<r.int(2...6)).map { _ in r.pick(seeds) }.joined(separator: r.pick([" ", ",", "/", "-", "", " en ", "\n"]))
        case 3: return String(String.UnicodeScalarView((0..<r.int(0...80)).map { _ in scalar(&r) }))
        case 4: return String(repeating: r.pick(seeds), count: r.int(1...2_000))
        case 5: return String((0..<r.int(0...40)).map { _ in Character(UnicodeScalar(UInt8(r.int(0...127)))) })
        case 6: return mutate(r.pick(seeds), &r)
        default: return r.pick(seeds) + String(repeating: "\u{301}", count: r.int(1...500))
        }
    }

    static func scalar(_ r: inout FuzzRandom) -> Unicode.Scalar {
        while true {
            let value = r.chance(0.5) ? UInt32(r.int(0...0x7F)) : UInt32(r.int(0x80...0x10FFFF))
            if let s = Unicode.Scalar(value) { return s }
        }
    }

    /// Character-level edits that keep the string valid Unicode.
    static func mutate(_ s: String, _ r: inout FuzzRandom) -> String {
        var chars = Array(s)
        for _ in 0..<r.int(1...5) {
            switch r.int(0...3) {
            case 0 where !chars.isEmpty: chars.remove(at: r.int(0...chars.count - 1))
            case 1: chars.insert(Character(scalar(&r)), at: r.int(0...chars.count))
            case 2 where !chars.isEmpty: chars.swapAt(r.int(0...chars.count - 1), r.int(0...chars.count - 1))
            default: chars.insert(contentsOf: Array(r.pick(seeds)), at: r.int(0...chars.count))
            }
        }
        return String(chars)
    }
}
