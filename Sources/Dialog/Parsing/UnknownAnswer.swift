/// "I don't know" and "none" answers ("weet ik niet", "geen idee", "niemand", "n.v.t.").
public enum UnknownAnswer {
    /// The whole answer is one of the lexicon's unknown phrases (fillers around it allowed).
    public static func matches(_ s: String, lexicon: Lexicon) -> Bool {
        guard !AnswerText.isTooLongToParse(s) else { return false }
        let t = AnswerText.fold(s)
        if !t.isEmpty, t.allSatisfy({ $0 == "-" || $0 == "?" || $0 == " " }) { return true }
        return matches(Words(s).words, lexicon: lexicon)
    }

    static func matches(_ words: [String], lexicon: Lexicon) -> Bool {
        if lexicon.unknown.whole(words) != nil { return true }
        let kept = words.filter { !lexicon.fillers.contains($0) }
        return !kept.isEmpty && lexicon.unknown.whole(kept) != nil
    }

    /// For an answer that names something (a number, a person, a day): no digits, and a no or an
    /// unknown phrase in it ("nee heb ik niet bij de hand", "geen nummer", "weet ik nog niet").
    static func saysNone(_ s: String, lexicon: Lexicon) -> Bool {
        let words = Words(s).words
        // A number may be in it ("geen 06"), but not one long enough to be what was asked.
        guard !words.contains(where: { $0.count >= 3 && $0.allSatisfy(\.isNumber) }) else { return false }
        if words.contains(where: { lexicon.no.contains($0) }) { return true }
        return lexicon.unknown.occurs(in: words) && !lexicon.yes.contains(where: words.contains)
    }
}
