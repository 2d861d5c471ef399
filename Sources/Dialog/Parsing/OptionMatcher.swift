/// Picks options named in a sentence by label or synonym ("geld, werk en hoe ik me voel", "Ja
/// gelukt!", "nee hoor, niet gelukt", "mijn dochter"), with one typo allowed in words of five
/// letters or more. Anything that could turn the meaning (doubt, a stray "niet") refuses.
struct OptionMatcher {
    /// An option as the matcher sees it: phrases that name it, and phrases that only suggest it.
    struct Option: Sendable {
        var phrases: [[String]]
        var guesses: [[String]] = []
    }

    enum Result: Equatable {
        case selected([Int])
        /// Named only by a phrase that suggests it: confirm first.
        case guess(Int)
        case ambiguous([Int])
        case invalid
    }

    /// Words beside the named options that are allowed without being understood ("ja, ik heb
    /// gebeld"); more, and the sentence may say something else.
    static let maxOtherWords = 4

    let lexicon: Lexicon

    func read(_ s: String, options: [Option], multiple: Bool, maxCount: Int? = nil) -> Result {
        guard !AnswerText.isTooLongToParse(s), !options.isEmpty else { return .invalid }
        let words = Words(s).words
        guard !words.isEmpty else { return .invalid }
        // "1-3" may be a range or a list: no reading.
        if s.contains(where: { $0 == "-" }), s.contains(RegexCache.numberRange) { return .invalid }
        var table = PhraseTable<(index: Int, guess: Bool)>()
        for (index, option) in options.enumerated() {
            for phrase in option.phrases { table.add(phrase, (index, false)) }
            for phrase in option.guesses { table.add(phrase, (index, true)) }
        }
        var picked: [Int] = []
        var guessed: Set<Int> = []
        // The words no option phrase took: doubt among them ("misschien", "behalve") refuses.
        var leftover: [String] = []
        var other = 0
        var numbered = false
        var i = 0
        while i < words.count {
            let word = words[i]
            if let hit = table.match(words, at: i) {
                if !picked.contains(hit.payload.index) { picked.append(hit.payload.index) }
                if hit.payload.guess { guessed.insert(hit.payload.index) }
                leftover.append("")
                i += hit.length
                continue
            }
            leftover.append(word)
            if let n = word.allSatisfy(\.isNumber) ? Int(word) : lexicon.ordinals[word] {
                // A number among words is an option's number ("1 en 3", "nummer 2", "de tweede").
                guard (1...options.count).contains(n) else { return .invalid }
                if !picked.contains(n - 1) { picked.append(n - 1) }
                numbered = true
            } else if lexicon.negators.contains(word) {
                return .invalid
            } else if !(Self.separators.contains(word) || lexicon.fillers.contains(word) || lexicon.possessives.contains(word)) {
                // In a list, a word that is no option where an option belongs ("geld en gled") is no reading.
                if multiple, i > 0, Self.separators.contains(words[i - 1]) { return .invalid }
                other += 1
            }
            i += 1
        }
        if lexicon.uncertain.occurs(in: leftover) { return .invalid }
        if multiple, picked.isEmpty, words.contains(where: ChoiceParser.allWords.contains), other == 0 {
            return .selected(Array(options.indices))
        }
        // A number in a sentence may count something else ("ik heb 2 kinderen").
        guard !picked.isEmpty, other <= Self.maxOtherWords, !(numbered && other > 0) else { return .invalid }
        // "geld of wonen" is one or the other.
        if picked.count > 1, words.contains(where: { $0 == "of" || $0 == "or" }) { return .ambiguous(picked) }
        if !multiple, picked.count > 1 { return .ambiguous(picked) }
        if let maxCount, picked.count > maxCount { return .invalid }
        if picked.count == 1, guessed.contains(picked[0]) { return .guess(picked[0]) }
        // Several options with one of them only suggested: ask for the numbers instead.
        if picked.contains(where: guessed.contains) { return .invalid }
        return .selected(picked)
    }

    static let separators: Set<String> = ["en", "and", "plus", "nummer", "nr", "optie", "keuze", "number", "option"]
}
