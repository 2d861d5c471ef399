/// Yes/no answers in Dutch and English ("jawel", "nee joh", "klopt niet", 👍), with the words
/// from the lexicon. Doubt, or yes and no together, is no answer.
public enum YesNoParser {
    public static func parse(_ s: String, lexicon: Lexicon) -> Bool? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        let words = Words(s).words
        guard !words.isEmpty, lexicon.unknown.whole(words) == nil else { return nil }
        if lexicon.yesPhrases.whole(words) != nil { return true }
        if lexicon.uncertain.occurs(in: words) { return nil }

        var strongYes = false
        var strongNo = false
        var weakYes = false
        var negated = false
        var i = 0
        while i < words.count {
            let word = words[i]
            if lexicon.yes.contains(word) || isStretched(word, "ja") || isStretched(word, "yes") {
                strongYes = true
            } else if lexicon.no.contains(word) || isStretched(word, "ne") || isStretched(word, "no") {
                strongNo = true
            } else if let hit = lexicon.agree.match(words, at: i, typos: false) {
                weakYes = true
                i += hit.length
                continue
            } else if lexicon.negators.contains(word) {
                negated = true
            }
            i += 1
        }
        // "ja nee" contradicts itself; "ja, niet doen" is too mixed to act on.
        if strongYes { return strongNo || negated ? nil : true }
        // "nee hoor, dat is goed" says no and yes.
        if strongNo, weakYes, !negated { return nil }
        // A negator turns weak agreement around: "klopt niet", "niet goed", "not ok", "liever niet".
        if strongNo || negated { return false }
        return weakYes ? true : nil
    }

    /// "jaaa", "yesss", "neee", "nooo": `word` is `base` with every letter after the first typed
    /// one or more times.
    static func isStretched(_ word: String, _ base: StaticString) -> Bool {
        var rest = word.utf8[...]
        let letters = UnsafeBufferPointer(start: base.utf8Start, count: base.utf8CodeUnitCount)
        for (n, letter) in letters.enumerated() {
            guard rest.first == letter else { return false }
            rest = rest.dropFirst()
            if n > 0 { while rest.first == letter { rest = rest.dropFirst() } }
        }
        return rest.isEmpty
    }
}
