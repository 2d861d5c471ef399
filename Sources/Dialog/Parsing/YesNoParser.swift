/// Yes/no answers in Dutch and English, including emoji and "klopt niet"-style negations.
public enum YesNoParser {
    public static func parse(_ s: String) -> Bool? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        var text = AnswerText.fold(s)
        while text.last == "?" || text.last == " " { text.removeLast() }
        if text.isEmpty || UnknownAnswer.matches(text) { return nil }
        if let fixed = phrases[text] { return fixed }
        let words = tokens(text)
        if uncertainPhrases.contains(where: { words.contains(run: $0) }) { return nil }

        var strongYes = false, strongNo = false, weakYes = false, negated = false
        for word in words {
            if uncertainWords.contains(word) { return nil }
            if strongYesWords.contains(word) || isStretched(word, "ja") || isStretched(word, "yes") {
                strongYes = true
            } else if strongNoWords.contains(word) || isStretched(word, "ne") || isStretched(word, "no") {
                strongNo = true
            } else if weakYesWords.contains(word) {
                weakYes = true
            } else if negators.contains(word) {
                negated = true
            }
        }
        // "ja nee" contradicts itself; "ja, niet doen" is too mixed to act on.
        if strongYes { return strongNo || negated ? nil : true }
        // A negator turns weak agreement around: "klopt niet", "niet goed", "not ok", "liever niet".
        if strongNo || negated { return false }
        return weakYes ? true : nil
    }

    /// "jaaa", "yesss", "neee", "nooo": `word` is `base` with every letter after the first typed
    /// one or more times (what the patterns `ja+`, `ye+s+`, `ne+`, `no+` matched, without a regex).
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

    /// Words (apostrophes dropped, so "don't" is "dont") and thumbs/check emoji as their own tokens.
    private static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for c in text {
            if c.isLetter { word.append(c); continue }
            if c == "'" { continue }
            if !word.isEmpty { out.append(word); word = "" }
            // Skin-tone variants like 👍🏽 are one Character; the first scalar decides.
            switch c.unicodeScalars.first?.value {
            case 0x1F44D, 0x2705, 0x2714, 0x2611, 0x1F44C: out.append("👍")
            case 0x1F44E, 0x274C, 0x2716, 0x2717, 0x1F6AB: out.append("👎")
            default: break
            }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    private static let phrases: [String: Bool] = [
        "geen probleem": true, "geen bezwaar": true, "no problem": true, "no worries": true,
        "of course": true, "doe maar": true, "why not": true, "waarom niet": true,
    ]
    private static let uncertainPhrases: [[String]] = [
        ["niet", "zeker"], ["weet", "niet"], ["weet", "ik", "niet"], ["geen", "idee"], ["not", "sure"], ["no", "idea"], ["dont", "know"],
    ]
    private static let uncertainWords: Set<String> = [
        "misschien", "wellicht", "mogelijk", "soms", "twijfel", "hangt",
        "maybe", "perhaps", "possibly", "sometimes", "depends",
    ]
    private static let strongYesWords: Set<String> = [
        "j", "jazeker", "jawel", "jep", "jup", "jes", "yes", "y", "yep", "yup", "yeah", "ya", "yea", "👍",
    ]
    private static let weakYesWords: Set<String> = [
        "zeker", "klopt", "ok", "oke", "oké", "okay", "okee", "okido", "oki", "goed", "prima",
        "akkoord", "correct", "juist", "inderdaad", "natuurlijk", "tuurlijk", "uiteraard", "graag",
        "absoluut", "top", "sure", "absolutely", "definitely", "certainly", "indeed", "right",
        "fine", "good", "great", "agree", "agreed",
    ]
    private static let strongNoWords: Set<String> = [
        "n", "neen", "neuh", "nee", "nope", "nah", "nay", "nein", "nooit", "never", "👎",
    ]
    private static let negators: Set<String> = ["niet", "not", "dont", "doesnt", "isnt"]
}

extension Array where Element == String {
    /// The words of `run` appear here one after the other.
    func contains(run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return false }
        return (0...(count - run.count)).contains { start in run.indices.allSatisfy { self[start + $0] == run[$0] } }
    }
}
