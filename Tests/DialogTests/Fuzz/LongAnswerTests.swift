import Foundation
import Testing

@testable import Dialog

private let lexicon = DefaultFlows.library.lexicon

/// A webhook body may hold up to 64 KiB of text. Every parser must answer such a message quickly
/// (found by the fuzz run: the choice parser's time grew with the cube of the length, 28 s for
/// 4,000 characters in a debug build, inside the write transaction). The guard is structural:
/// longer than `AnswerText.maxParsedBytes` is no structured answer, refused before any parsing,
/// so a parser's work is bounded by the limit whatever arrives. These tests assert that refusal
/// (not a wall-clock time, which says more about the machine than about the code).
struct LongAnswerTests {
    static let options = ParserFuzzTests.options

    static let longAnswers: [String] = [
        String(repeating: "1, 3 en 5 ", count: 6_000),
        String(repeating: "wonen en geld ", count: 4_500),
        String(repeating: "a", count: 60_000),
        String(repeating: "7 ", count: 30_000),
        String(repeating: "morgen om 10 uur ", count: 3_500),
        String(repeating: "ja nee ", count: 9_000),
        String(repeating: "Jan ", count: 200),
        String(repeating: "weet ik niet ", count: 100)
    ]

    @Test(arguments: longAnswers.indices)
    func everyParserRefusesALongMessageBeforeParsingIt(_ index: Int) {
        let s = Self.longAnswers[index]
        #expect(s.utf8.count > AnswerText.maxParsedBytes)
        var amsterdam = Calendar(identifier: .gregorian)
        amsterdam.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        #expect(ChoiceParser.parse(s, options: Self.options, multiple: true) == .invalid)
        #expect(ChoiceParser.parse(s, options: Self.options, multiple: false) == .invalid)
        #expect(ScoreParser.parse(s, lexicon: lexicon) == nil)
        #expect(YesNoParser.parse(s, lexicon: lexicon) == nil)
        #expect(
            DutchDateParser.parse(s, now: Date(timeIntervalSince1970: 1_795_425_300), calendar: amsterdam, lexicon: lexicon) == .invalid)
        #expect(NameParser.parse(s, lexicon: lexicon) == nil)
        #expect(PhoneParser.normalize(s) == .invalid)
        #expect(!UnknownAnswer.matches(s, lexicon: lexicon))
        // Free text is kept up to its own limit; longer is refused with its length.
        #expect(FreeTextParser.parse(s, maxLength: 500) == .tooLong(AnswerText.collapseWhitespace(s).count))
    }

    @Test func answersUpToTheLimitStillParse() {
        let padding = String(repeating: " ", count: AnswerText.maxParsedBytes - 10)
        #expect(ChoiceParser.parse(padding + "1 en 3", options: Self.options, multiple: true) == .selected([0, 2]))
        #expect(ScoreParser.parse(padding + "7", lexicon: lexicon) == 7)
        #expect(YesNoParser.parse(padding + "ja", lexicon: lexicon) == true)
        #expect(ScoreParser.parse(padding + "           7", lexicon: lexicon) == nil)
        #expect(ChoiceParser.parse(padding + "           1", options: Self.options, multiple: true) == .invalid)
        // Just under the limit, a long list still parses.
        #expect(
            ChoiceParser.parse(String(repeating: "1, 3 en 5 ", count: 49), options: Self.options, multiple: true) == .selected([0, 2, 4]))
    }
}
