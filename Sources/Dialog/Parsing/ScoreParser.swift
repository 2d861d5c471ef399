/// Reads a grade ("rapportcijfer") such as "7", "een zeven", "een zesje", "7/10", "6,5" or "7+".
/// Grade words ("een voldoende") and a lone "een" (usually the article) are guesses to confirm.
public enum ScoreParser {
    /// More words than this beside the number (fillers and a reason aside), and the number may
    /// belong to something else ("ik heb 2 kinderen en ..."): asked back.
    static let maxOtherWords = 1

    public static func read(_ s: String, lexicon: Lexicon, range: ClosedRange<Int> = 0...10) -> Reading<Int> {
        guard !AnswerText.isTooLongToParse(s) else { return .refused }
        let text = AnswerText.fold(s)
        guard var values = digitValues(Array(text), range: range) else { return .refused }
        // "één" with its accents is the number, not the article.
        if text.contains("één") || text.contains("eén") { values.append(1) }
        let words = Words(s).words
        var other = 0
        var grade: Int?
        var article = false
        var negated = false
        // Words after "want" or "omdat" give a reason for the number ("een 5 want ..."): they
        // do not make the number doubtful.
        var reason = false
        var i = 0
        while i < words.count {
            let word = words[i]
            if let n = lexicon.numbers[word], !(n == 1 && isArticle(word)) {
                values.append(n)
            } else if isArticle(word) {
                article = true
            } else if let hit = lexicon.grades.match(words, at: i) {
                grade = grade ?? hit.payload
                i += hit.length
                continue
            } else if lexicon.negators.contains(word) {
                // "niet goed" is no grade to guess at.
                negated = true
            } else if Self.reasonWords.contains(word) {
                reason = true
            } else if !word.allSatisfy(\.isNumber), !lexicon.fillers.contains(word), !reason {
                other += 1
            }
            i += 1
        }
        if values.isEmpty {
            // "een" is usually the article ("een 7"); alone it may mean 1, so it is asked back.
            if let grade, !negated { return range.contains(grade) ? .guess(grade) : .refused }
            return article && other == 0 && range.contains(1) ? .guess(1) : .refused
        }
        let distinct = Set(values)
        guard distinct.count == 1, let value = distinct.first, range.contains(value) else { return .refused }
        return other > maxOtherWords ? .guess(value) : .sure(value)
    }

    /// The value only when read surely (tables and callers without a way to ask back).
    public static func parse(_ s: String, lexicon: Lexicon, range: ClosedRange<Int> = 0...10) -> Int? {
        read(s, lexicon: lexicon, range: range).sure
    }

    private static func isArticle(_ word: String) -> Bool {
        word == "een" || word == "a" || word == "an"
    }

    static let reasonWords: Set<String> = ["want", "omdat", "doordat", "door", "sinds", "because", "since", "as"]

    /// The numbers written in digits, nil when one of them is no grade ("7/8", a number too big).
    private static func digitValues(_ chars: [Character], range: ClosedRange<Int>) -> [Int]? {
        var values: [Int] = []
        var i = 0
        while i < chars.count {
            guard AnswerText.isASCIIDigit(chars[i]) else {
                i += 1
                continue
            }
            let start = i
            var number = digits(chars, &i)
            if i + 1 < chars.count, chars[i] == "." || chars[i] == ",", AnswerText.isASCIIDigit(chars[i + 1]) {
                i += 1
                number += "." + digits(chars, &i)
            }
            // "-1" is negative, but the "-" in "7-" or "6-7" belongs to what comes before.
            let negative = start > 0 && chars[start - 1] == "-" && (start == 1 || chars[start - 2] == " ")
            guard let value = Double(number) else { return nil }
            if let denominator = outOf(chars, &i) {
                // "7/10" is a grade on a scale; "7/8" is "7 or 8" and therefore undecided.
                guard denominator == range.upperBound else { return nil }
            }
            // A number too large for any scale ("99999999999999999999") is no grade, and must not trap.
            guard let rounded = roundedHalfUp(negative ? -value : value) else { return nil }
            values.append(rounded)
        }
        return values
    }

    private static func digits(_ chars: [Character], _ i: inout Int) -> String {
        var out = ""
        while i < chars.count, AnswerText.isASCIIDigit(chars[i]) {
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// After a number: "/10", "uit 10", "op 10", "van de 10", "out of 10". Consumes and returns the 10.
    private static func outOf(_ chars: [Character], _ i: inout Int) -> Int? {
        let rest = String(chars[i...])
        for joiner in ["/", " / ", "/ ", " /", " uit ", " op ", " van de ", " out of "] where rest.hasPrefix(joiner) {
            var j = i + joiner.count
            let number = digits(chars, &j)
            if let value = Int(number) {
                i = j
                return value
            }
        }
        return nil
    }

    /// Nil when the number does not fit in an Int (converting it would trap).
    private static func roundedHalfUp(_ value: Double) -> Int? {
        let rounded = (value + 0.5).rounded(.down)
        return rounded.magnitude < 1e15 ? Int(rounded) : nil
    }
}
