import Dialog
import Foundation
import Testing

private let lexicon = DefaultFlows.library.lexicon

/// A webhook body may hold up to 64 KiB of text. Every parser must answer such a message quickly
/// (found by the fuzz run: the choice parser's time grew with the cube of the length, 28 s for
/// 4,000 characters in a debug build, inside the write transaction). Longer than
/// `AnswerText.maxParsedBytes` is no structured answer; shorter ones still parse.
struct LongAnswerTests {
    static let options = ParserFuzzTests.options

    static let longAnswers: [String] = [
        String(repeating: "1, 3 en 5 ", count: 6_000),
        String(repeating: "wonen en geld ", count: 4_500),
        String(repeating: "a", count: 60_000),
        String(repeating: "7 ", count: 30_000),
        String(repeating: "morgen om 10 uur ", count: 3_500),
        String(repeating: "ja nee ", count: 9_000),
        String(repeating: "1, 3 en 5 ", count: 49),  // just under the limit: still parsed, still quick
    ]

    @Test(arguments: longAnswers.indices)
    func everyParserAnswersALongMessageQuickly(_ index: Int) {
        let s = Self.longAnswers[index]
        var amsterdam = Calendar(identifier: .gregorian)
        amsterdam.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let clock = ContinuousClock()
        var timings: [(String, Duration)] = []
        timings.append(("choice", clock.measure { _ = ChoiceParser.parse(s, options: Self.options, multiple: true) }))
        timings.append(("choice single", clock.measure { _ = ChoiceParser.parse(s, options: Self.options, multiple: false) }))
        timings.append(("score", clock.measure { _ = ScoreParser.parse(s, lexicon: lexicon) }))
        timings.append(("yes/no", clock.measure { _ = YesNoParser.parse(s, lexicon: lexicon) }))
        timings.append(("date", clock.measure { _ = DutchDateParser.parse(s, now: Date(timeIntervalSince1970: 1_795_425_300), calendar: amsterdam) }))
        timings.append(("name", clock.measure { _ = NameParser.parse(s, lexicon: lexicon) }))
        timings.append(("phone", clock.measure { _ = PhoneParser.normalize(s) }))
        timings.append(("free text", clock.measure { _ = FreeTextParser.parse(s, maxLength: 500) }))
        timings.append(("unknown", clock.measure { _ = UnknownAnswer.matches(s, lexicon: lexicon) }))
        print("long answer \(index) (\(s.count) characters): " + timings.map { "\($0.0) \($0.1.formatted(.units(allowed: [.milliseconds])))" }.joined(separator: ", "))
        for (parser, time) in timings {
            #expect(time < .seconds(2), "\(parser) took \(time) on \(s.count) characters")
        }
    }

    @Test func answersUpToTheLimitStillParse() {
        let padding = String(repeating: " ", count: AnswerText.maxParsedBytes - 10)
        #expect(ChoiceParser.parse(padding + "1 en 3", options: Self.options, multiple: true) == .selected([0, 2]))
        #expect(ScoreParser.parse(padding + "7", lexicon: lexicon) == 7)
        #expect(YesNoParser.parse(padding + "ja", lexicon: lexicon) == true)
        #expect(ScoreParser.parse(padding + "           7", lexicon: lexicon) == nil)
        #expect(ChoiceParser.parse(padding + "           1", options: Self.options, multiple: true) == .invalid)
    }
}
