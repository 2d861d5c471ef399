/// Hours of care as people say them ("10 uur per week", "2 uur per dag", "een paar uur",
/// "heel veel", "elke dag"), read into the bands of the question ("4 tot 8 uur").
public enum AmountParser {
    /// The bands of an answer: option `i` starts at `from[i]` hours a week.
    public struct Bands: Sendable, Equatable {
        public var from: [Int]
        public init(from: [Int]) { self.from = from }

        func band(hours: Double) -> Int? {
            guard hours >= 0 else { return nil }
            return from.lastIndex { Double($0) <= hours }
        }
    }

    /// `options` are the bands' own phrases (labels and synonyms), as for a choice.
    static func read(_ s: String, bands: Bands, options: [OptionMatcher.Option], lexicon: Lexicon) -> Reading<Int> {
        guard !AnswerText.isTooLongToParse(s) else { return .refused }
        let words = Words(s).words
        // A band's own label, with or without its unit ("4 tot 8 uur", "minder dan 4").
        if let band = options.firstIndex(where: { option in
            option.phrases.contains { $0 == words || ($0.last.map(lexicon.hourUnits.contains) == true && Array($0.dropLast()) == words) }
        }) {
            return .sure(band)
        }
        if let unit = words.firstIndex(where: { lexicon.hourUnits.contains($0) }), unit > 0,
            let hours = hours(around: unit, in: words, lexicon: lexicon)
        {
            let factor = lexicon.perDay.occurs(in: words) ? 7 : lexicon.perMonth.occurs(in: words) ? 12.0 / 52 : 1
            let weekly = hours.map { $0 * factor }
            let found = Set(weekly.compactMap { bands.band(hours: $0) })
            guard found.count == 1, let band = found.first else { return .refused }
            return .sure(band)
        }
        // "een paar uur per dag": too vague to put in a band of hours a week.
        if lexicon.perDay.occurs(in: words), words.contains(where: lexicon.hourUnits.contains) { return .refused }
        switch OptionMatcher(lexicon: lexicon).read(s, options: options, multiple: false) {
        case .selected(let picked): return .sure(picked[0])
        case .guess(let index): return .guess(index)
        case .ambiguous, .invalid: return .refused
        }
    }

    /// The number of hours at the unit: one number, both ends of "2 a 3" / "5 tot 10", or the
    /// number after it ("een uurtje of vijf").
    private static func hours(around unit: Int, in words: [String], lexicon: Lexicon) -> [Double]? {
        func number(_ i: Int) -> Double? {
            guard words.indices.contains(i) else { return nil }
            if let n = Int(words[i]) { return Double(n) }
            if let fraction = fractions[words[i]] { return fraction }
            return lexicon.numbers[words[i]].map(Double.init)
        }
        if unit + 2 < words.count, words[unit + 1] == "of", let after = number(unit + 2) { return [after] }
        guard let last = number(unit - 1) else { return nil }
        if unit >= 3, ["a", "tot", "of", "to", "or", "en", "and"].contains(words[unit - 2]), let first = number(unit - 3) {
            return [first, last]
        }
        return [last]
    }

    private static let fractions: [String: Double] = ["half": 0.5, "anderhalf": 1.5, "kwartier": 0.25]
}
