/// A phone number inside a sentence ("mijn nummer is 06 1234 5678"): the one run of digits and
/// separators that is long enough to be a number, normalised by `PhoneParser`. Two numbers in one
/// answer are none.
public enum PhoneReader {
    public static func read(_ s: String, allowInternational: Bool = false) -> PhoneParse {
        let whole = PhoneParser.normalize(s, allowInternational: allowInternational)
        guard whole == .invalid, !AnswerText.isTooLongToParse(s) else { return whole }
        let runs = numberRuns(s).filter { $0.filter(AnswerText.isASCIIDigit).count >= 6 }
        guard runs.count == 1 else { return .invalid }
        return PhoneParser.normalize(runs[0], allowInternational: allowInternational)
    }

    private static let separators: Set<Character> = [" ", "-", ".", "(", ")", "/", "+"]

    /// Maximal runs that start with a digit or "+" and hold only digits and separators.
    private static func numberRuns(_ s: String) -> [String] {
        var runs: [String] = []
        var current = ""
        for c in s {
            if AnswerText.isASCIIDigit(c) || (c == "+" && current.isEmpty) || (!current.isEmpty && separators.contains(c)) {
                current.append(c)
            } else {
                if !current.isEmpty { runs.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.map { run in
            var r = Substring(run)
            while let last = r.last, separators.contains(last), last != ")" { r = r.dropLast() }
            return String(r)
        }
    }
}
