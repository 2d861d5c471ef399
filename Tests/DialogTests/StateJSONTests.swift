@testable import Dialog
import Foundation
import Testing

/// The hand-written state JSON reads back as the same state through `Codable`.
struct StateJSONTests {
    static let strings = ["", "gewoon", "\"quotes\" and \\backslash\\", "regel\nnieuwe\tregel\r", "\u{0}\u{1}\u{1f}\u{7f}", "é ü ñ",
                          "👩‍👩‍👧‍👦 emoji", "\u{202e}rtl", "مرحبا", "<script>alert(1)</script>", "'; DROP TABLE x;--", "$date", "$option", "/a/b"]

    /// A random value tree, deterministic from the seed.
    static func value(_ rng: inout some RandomNumberGenerator, depth: Int) -> Value {
        switch Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &rng) {
        case 0: return .text(strings.randomElement(using: &rng)!)
        case 1: return .number(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 2: return .bool(Bool.random(using: &rng))
        case 3: return .date(LocalDate(year: 2026, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng)),
                             Bool.random(using: &rng) ? LocalTime(hour: Int.random(in: 0...23, using: &rng), minute: 5) : nil)
        case 4: return .option(list: strings.randomElement(using: &rng)!, key: strings.randomElement(using: &rng)!)
        case 5: return .none
        case 6: return .list((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var record: [String: Value] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                // A record whose key is $date or $option would read back as a date or option: records never use them.
                let key = strings.randomElement(using: &rng)!
                if !key.hasPrefix("$") { record[key] = value(&rng, depth: depth + 1) }
            }
            return .record(record)
        }
    }

    @Test func randomStatesSurviveTheRoundTrip() throws {
        var rng = FuzzRandom(seed: 20261129)
        for n in 0..<500 {
            var state = Conversation(flowID: "f", flowVersion: 3, language: n % 2 == 0 ? .nl : .en)
            state.node = n % 3 == 0 ? nil : Self.strings.randomElement(using: &rng)
            state.module = n % 4 == 0 ? nil : "m\(n % 3 + 1)"
            state.lastActivity = n % 5 == 0 ? nil : Date(timeIntervalSince1970: Double(1_795_424_400 + n) + 0.125)
            state.tries = n % 4
            state.nextID = n
            state.optedOut = n % 7 == 0
            state.paused = n % 11 == 0
            state.finished = n % 13 == 0
            for _ in 0..<Int.random(in: 0...6, using: &rng) { state.vars["v\(Int.random(in: 0...99, using: &rng))"] = Self.value(&rng, depth: 0) }
            state.frames = [LoopFrame(node: "each", alias: "lg", items: [Self.value(&rng, depth: 1)], index: 0)]
            for k in 0..<Int.random(in: 0...3, using: &rng) {
                var checkpoint = Checkpoint(of: state, at: "vraag\(k)")
                checkpoint.vars["extra"] = Self.value(&rng, depth: 1)
                state.history.append(checkpoint)
            }
            let data = try state.encoded()
            #expect(try Conversation.decode(data) == state, "state \(n)")
            // The same bytes as Foundation would read: valid JSON.
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "state \(n) is not valid JSON")
        }
    }
}
