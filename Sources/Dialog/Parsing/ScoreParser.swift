/// Reads a grade ("rapportcijfer") such as "7", "een zeven", "7/10", "6,5" or "7+".
public enum ScoreParser {
    public static func parse(_ s: String, range: ClosedRange<Int> = 0...10) -> Int? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        let text = AnswerText.fold(s)
        let chars = Array(text)
        var values: [Int] = []
        var i = 0
        while i < chars.count {
            guard AnswerText.isASCIIDigit(chars[i]) else { i += 1; continue }
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

        let words = text.split { !$0.isLetter }.map(String.init)
        values += words.compactMap { numberWords[$0] }
        // "een" is usually the article ("een 7"); it only means 1 when nothing else is said.
        if values.isEmpty, words.contains(where: { $0 == "een" || $0 == "one" }) { values = [1] }

        let distinct = Set(values)
        guard distinct.count == 1, let value = distinct.first, range.contains(value) else { return nil }
        return value
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

    private static let numberWords: [String: Int] = [
        "nul": 0, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
        "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
        "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]
}
