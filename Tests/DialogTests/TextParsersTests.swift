import Dialog
import Testing

private let lexicon = DefaultFlows.library.lexicon

struct AnswerTextTests {
    static let cases: [(String, String)] = [
        ("  Ja  ", "ja"), ("JA!", "ja"), ("Ja hoor!!", "ja hoor"), ("ja ...", "ja"), ("een\t\n7", "een 7"),
        ("I don\u{2019}t know", "i don't know"), ("\u{201C}Wonen\u{201D}", "\"wonen\""), ("n.v.t.", "n.v.t"),
        ("10.30", "10.30"), ("", "")
    ]

    @Test(arguments: cases)
    func fold(input: String, expected: String) {
        #expect(AnswerText.fold(input) == expected)
    }
}

struct UnknownAnswerTests {
    static let cases: [(String, Bool)] = [
        ("weet ik niet", true), ("weet niet", true), ("geen idee", true), ("geen", true), ("niemand", true),
        ("niks", true), ("niets", true), ("nvt", true), ("n.v.t.", true), ("N.V.T", true), ("-", true),
        ("i don't know", true), ("I don\u{2019}t know", true), ("dont know", true), ("none", true),
        ("nobody", true), ("nothing", true), ("no idea", true), ("Geen idee!", true), ("weet ik niet?", true),
        ("ja", false), ("nee", false), ("7", false), ("geen tijd", false), ("", false), ("Jan", false)
    ]

    @Test(arguments: cases)
    func matches(input: String, expected: Bool) {
        #expect(UnknownAnswer.matches(input, lexicon: lexicon) == expected)
    }
}

struct FreeTextParserTests {
    static let cases: [(String, Int, FreeTextParse)] = [
        ("  Ik zoek   werk  ", 100, .text("Ik zoek werk")), ("Regel 1\n\nRegel 2", 100, .text("Regel 1 Regel 2")),
        ("", 10, .empty), ("   \n ", 10, .empty), ("abcdef", 5, .tooLong(6)), ("abcde", 5, .text("abcde")),
        ("Café 👍🏽", 6, .text("Café 👍🏽")), ("Café 👍🏽!", 6, .tooLong(7)), ("HOOFDLETTERS!", 20, .text("HOOFDLETTERS!"))
    ]

    @Test(arguments: cases)
    func parses(input: String, maxLength: Int, expected: FreeTextParse) {
        #expect(FreeTextParser.parse(input, maxLength: maxLength) == expected)
    }
}

struct NameParserTests {
    static let cases: [(String, String?)] = [
        ("jan", "Jan"), ("  Jan  ", "Jan"), ("jan van der berg", "Jan van der berg"), ("Jan-Willem", "Jan-Willem"),
        ("d'Arcy", "d'Arcy"), ("d\u{2019}Arcy", "d'Arcy"), ("ik heet jan", "Jan"), ("Ik heet Anna de Vries.", "Anna de Vries"),
        ("mijn naam is fatima", "Fatima"), ("Mijn naam is: Piet", "Piet"), ("dit is Sanne", "Sanne"),
        ("my name is john smith", "John smith"), ("I am Mary", "Mary"), ("Hoi, ik heet Kees", "Kees"),
        ("Hi", nil), ("émile", "Émile"), ("J.P. de Vries", "J.P. de Vries"), ("van Dijk", "Van Dijk"),
        ("jan!", "Jan"),
        ("", nil), ("ik heet", nil), ("06-12345678", nil), ("jan@example.com", nil), ("Jan 2", nil),
        ("👍", nil), ("---", nil), (String(repeating: "a", count: 61), nil),
        (String(repeating: "a", count: 60), "A" + String(repeating: "a", count: 59))
    ]

    @Test(arguments: cases)
    func parses(input: String, expected: String?) {
        #expect(NameParser.parse(input, lexicon: lexicon) == expected)
    }
}
