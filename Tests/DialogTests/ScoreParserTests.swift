import Dialog
import Testing

private let lexicon = DefaultFlows.library.lexicon

struct ScoreParserTests {
    static let defaultRange: [(String, Int?)] = [
        ("7", 7), ("zeven", 7), ("7/10", 7), ("een 7", 7), ("een zeven", 7), ("cijfer 7", 7),
        ("7 denk ik", 7), ("nul", 0), ("één", 1), ("twee", 2), ("drie", 3), ("vier", 4), ("vijf", 5),
        ("zes", 6), ("acht", 8), ("negen", 9), ("tien", 10), ("zero", 0), ("one", 1), ("five", 5),
        ("seven", 7), ("ten", 10), ("7+", 7), ("7-", 7), ("6,5", 7), ("6.5", 7), ("10/10", 10),
        ("0", 0), ("10", 10), ("  9 ", 9), ("Een 8!", 8), ("ik geef een 8", 8), ("een", nil),
        ("8 uit 10", 8), ("8 out of 10", 8), ("8 / 10", 8), ("5,4", 5), ("9.5", 10), ("cijfer: 6", 6),
        ("7 7", 7), ("zeven 7", 7), ("een 10 hoor", 10),
        // Rejected
        ("11", nil), ("-1", nil), ("7 of 8", nil), ("6-7", nil), ("7/8", nil), ("10,5", nil),
        ("100", nil), ("goed", nil), ("", nil), ("weet ik niet", nil), ("zeven of acht", nil),
        // Found by the fuzz run: numbers beyond Int used to trap (and take the server down).
        ("99999999999999999999", nil), ("-99999999999999999999", nil), ("1" + String(repeating: "0", count: 400), nil),
        ("7 99999999999999999999", nil), ("99999999999999999999/10", nil)
    ]

    @Test(arguments: defaultRange)
    func gradeOutOfTen(input: String, expected: Int?) {
        #expect(ScoreParser.parse(input, lexicon: lexicon) == expected)
    }

    /// Readings that are asked back before they count: a grade word, a lone "een" (maybe the
    /// article), a number in a longer story.
    static let guesses: [(String, Int)] = [
        ("een", 1), ("een voldoende", 6), ("voldoende", 6), ("goed", 8), ("ruim voldoende", 7), ("slecht", 2),
        ("ik heb 2 kinderen en het gaat slecht", 2)
    ]

    @Test(arguments: guesses)
    func guessesAreAskedBack(input: String, expected: Int) {
        #expect(ScoreParser.read(input, lexicon: lexicon) == .guess(expected))
    }

    static let fivePointScale: [(String, Int?)] = [
        ("4", 4), ("4/5", 4), ("vijf", 5), ("6", nil), ("0", nil), ("7/10", nil)
    ]

    @Test(arguments: fivePointScale)
    func customRange(input: String, expected: Int?) {
        #expect(ScoreParser.parse(input, lexicon: lexicon, range: 1...5) == expected)
    }
}
