import Foundation
import Testing

@testable import Dialog

private let lexicon = DefaultFlows.library.lexicon

/// Every answer parser on generated input: no crash, and each result keeps its promise
/// (a score inside its range, option indices inside the list, a phone number in E.164, ...).
struct ParserFuzzTests {
    static let options = [
        "Wonen", "Geld", "Gezondheid", "Werk en dagbesteding", "Sociale contacten", "Zorg voor anderen",
        "Vrije tijd", "Veiligheid"
    ].enumerated().map { ChoiceOption(labels: [$0.element, "Option \($0.offset)"]) }

    @Test func answerParsersKeepTheirPromisesOnGeneratedInput() {
        let count = FuzzRandom.count(default: 5_000)
        let seed = FuzzRandom.seed
        var r = FuzzRandom(seed: seed)
        var amsterdam = Calendar(identifier: .gregorian)
        amsterdam.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let now = Date(timeIntervalSince1970: 1_795_425_300)
        var broken: [String] = []
        var recognised = 0
        for n in 1...count {
            let s = FuzzStrings.make(&r)
            func fail(_ what: String) {
                broken.append("input \(n) of FUZZ_SEED=\(seed) \(String(reflecting: String(s.prefix(60)))): \(what)")
            }
            let upper = r.pick([5, 10, 13])
            if let score = ScoreParser.parse(s, lexicon: lexicon, range: 0...upper) {
                recognised += 1
                if !(0...upper).contains(score) { fail("score \(score) outside 0...\(upper)") }
            }
            if YesNoParser.parse(s, lexicon: lexicon) != nil { recognised += 1 }
            let multiple = r.chance(0.5)
            let maxCount = r.chance(0.5) ? r.int(1...3) : nil
            switch ChoiceParser.parse(s, options: Self.options, multiple: multiple, maxCount: maxCount) {
            case .selected(let picked):
                recognised += 1
                if picked.isEmpty || !picked.allSatisfy(Self.options.indices.contains) { fail("choice \(picked)") }
                if Set(picked).count != picked.count { fail("an option chosen twice: \(picked)") }
                if !multiple, picked.count != 1 { fail("several options for a single choice: \(picked)") }
                if let maxCount, picked.count > maxCount { fail("\(picked.count) options, at most \(maxCount) allowed") }
            case .ambiguous(let candidates):
                if candidates.count < 2 || !candidates.allSatisfy(Self.options.indices.contains) { fail("ambiguous \(candidates)") }
            case .invalid: break
            }
            let maxLength = r.int(1...500)
            if case .text(let text) = FreeTextParser.parse(s, maxLength: maxLength) {
                if text.count > maxLength || text.isEmpty { fail("free text of \(text.count) characters, max \(maxLength)") }
            }
            if let name = NameParser.parse(s, lexicon: lexicon) {
                if !(1...60).contains(name.count) || name.contains(where: { $0.isNewline }) { fail("name \(String(reflecting: name))") }
            }
            if case .valid(let e164) = PhoneParser.normalize(s, allowInternational: r.chance(0.5)) {
                if !e164.hasPrefix("+") || !e164.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) || e164.count > 16 {
                    fail("phone \(e164)")
                }
            }
            if case .value(let date, _) = DutchDateParser.parse(s, now: now, calendar: amsterdam) {
                recognised += 1
                let today = amsterdam.dateComponents([.year, .month, .day], from: now)
                if (date.year, date.month, date.day) < (today.year!, today.month!, today.day!) { fail("a date in the past: \(date)") }
            }
            _ = UnknownAnswer.matches(s, lexicon: lexicon)
            if broken.count > 20 { break }
        }
        print(
            "fuzz parsers: FUZZ_SEED=\(seed), \(count) inputs through 8 parsers, \(recognised) recognised answers, \(broken.count) broken promises"
        )
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
        // The generator must also produce real answers, or the promises above are never checked.
        #expect(recognised > count / 10)
    }
}
