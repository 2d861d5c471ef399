import Testing

@testable import Dialog

private let lexicon = DefaultFlows.library.lexicon

struct YesNoParserTests {
    static let cases: [(String, Bool?)] = [
        // Yes
        ("ja", true), ("j", true), ("jazeker", true), ("ja hoor", true), ("jawel", true), ("zeker", true),
        ("klopt", true), ("ok", true), ("oke", true), ("oké", true), ("okay", true), ("goed", true),
        ("prima", true), ("yes", true), ("y", true), ("yep", true), ("sure", true), ("👍", true),
        ("✅", true), ("Ja!", true), ("JA.", true), ("jaaa", true), ("ja, klopt", true), ("👍🏽", true),
        ("ok 👍", true), ("yesss", true), ("yeees", true), ("Jaaaa!", true), ("geen probleem", true), ("no problem", true),
        ("yes please", true),
        // Accents are folded away: a stray one does not hide a yes.
        ("jaa\u{301}", true),
        // No
        ("nee", false), ("n", false), ("neen", false), ("neuh", false), ("nope", false), ("no", false),
        ("niet", false), ("klopt niet", false), ("nee hoor", false), ("neeee", false), ("nooo", false), ("liever niet", false),
        ("👎", false),
        ("❌", false), ("Nee.", false), ("nee, klopt niet", false), ("zeker niet", false),
        ("niet goed", false), ("not ok", false), ("no thanks", false), ("dat klopt niet", false),
        // Undecided
        ("ja nee", nil), ("misschien", nil), ("maybe", nil), ("", nil), ("weet ik niet", nil),
        ("niet zeker", nil), ("not sure", nil), ("blabla", nil), ("ja, maar niet nu", nil), ("yes no", nil), ("jb", nil), ("yss", nil)
    ]

    @Test(arguments: cases)
    func parses(input: String, expected: Bool?) {
        #expect(YesNoParser.parse(input, lexicon: lexicon) == expected)
    }

    /// The hand-written form of `ja+`, `ye+s+`, `ne+`, `no+`.
    @Test func stretchedWords() {
        for word in ["ja", "jaaaa", "yes", "yeesss", "ne", "neeee", "no", "nooo"] {
            #expect(
                YesNoParser.isStretched(word, "ja") || YesNoParser.isStretched(word, "yes")
                    || YesNoParser.isStretched(word, "ne") || YesNoParser.isStretched(word, "no"), "\(word)")
        }
        for word in ["j", "jja", "jab", "ys", "yess e", "yesy", "", "nej", "noe", "jä", "ja\u{301}"] {
            #expect(
                !YesNoParser.isStretched(word, "ja") && !YesNoParser.isStretched(word, "yes")
                    && !YesNoParser.isStretched(word, "ne") && !YesNoParser.isStretched(word, "no"), "\(word)")
        }
    }
}
