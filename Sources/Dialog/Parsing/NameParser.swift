/// Extracts a display name from answers like "ik heet jan" or "My name is Anna de Vries".
public enum NameParser {
    public static func parse(_ s: String, lexicon: Lexicon) -> String? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        var words = AnswerText.straightenQuotes(s)
            .split(whereSeparator: \.isWhitespace).map(String.init)
        stripLeadIn(&words, lexicon: lexicon)
        stripRelation(&words, lexicon: lexicon)
        // Two people are no name ("henk en ans").
        if words.contains(where: { ["en", "of", "and", "or", "&", "+"].contains($0.lowercased()) }) { return nil }
        var name = words.filter { !$0.unicodeScalars.allSatisfy(Self.isSymbol) }.joined(separator: " ")
        while let last = name.last, ".!,:;".contains(last) { name.removeLast() }
        while let first = name.first, ",:;-".contains(first) || first == " " { name.removeFirst() }

        guard (1...60).contains(name.count),
            name.contains(where: \.isLetter),
            name.allSatisfy(isAllowed),
            !isWordOfTheLexicon(name, lexicon)
        else { return nil }
        return capitalisingFirstLetter(name)
    }

    /// "dochter", "mijn buurman", "ja", "morgen", "iemand" or "hallo" are words, not names.
    static func isWordOfTheLexicon(_ name: String, _ lexicon: Lexicon) -> Bool {
        let words = Words(name).words
        if words.contains(where: { lexicon.negators.contains($0) || lexicon.notNames.contains($0) }) { return true }
        return words.allSatisfy { word in
            lexicon.relations[word] != nil || lexicon.possessives.contains(word) || lexicon.fillers.contains(word)
                || lexicon.yes.contains(word) || lexicon.no.contains(word) || lexicon.greetings.contains(word)
                || lexicon.negators.contains(word) || lexicon.numbers[word] != nil || DateVocabulary.isDateWord(word)
        } || lexicon.unknown.whole(words) != nil || lexicon.agree.whole(words) != nil
    }

    /// "mijn zus Ans" and "Ans, mijn zus" name Ans: the relation around the name goes.
    private static func stripRelation(_ words: inout [String], lexicon: Lexicon) {
        var kept: [String] = []
        var i = 0
        while i < words.count {
            let key = Words(words[i]).words
            let next = i + 1 < words.count ? Words(words[i + 1]).words : []
            if key.count == 1, lexicon.possessives.contains(key[0]), next.count == 1, lexicon.relations[next[0]] != nil {
                i += 2
            } else if key.count == 1, lexicon.relations[key[0]] != nil, !kept.isEmpty || i + 1 < words.count {
                i += 1
            } else {
                kept.append(words[i])
                i += 1
            }
        }
        if !kept.isEmpty { words = kept }
    }

    /// An emoji or another sign that is no part of a name ("Emma 😊").
    static func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmojiPresentation || scalar.value == 0xFE0F || scalar.value == 0x200D
            || (scalar.value >= 0x2600 && scalar.properties.generalCategory == .otherSymbol)
    }

    private static func stripLeadIn(_ words: inout [String], lexicon: Lexicon) {
        let keys = words.map { Words($0).words.first ?? "" }
        // A greeting is only dropped when a lead-in follows: "Hi" on its own might be a nickname.
        let offset = keys.first.map { lexicon.greetings.contains($0) } == true ? 1 : 0
        guard offset < keys.count, let hit = lexicon.nameIntros.match(keys, at: offset, typos: false) else { return }
        words.removeFirst(offset + hit.length)
    }

    // Letters plus what real names use: spaces, hyphens (Jan-Willem), apostrophes (d'Arcy)
    // and dots (initials: "J.P. de Vries"). Digits, "@" and other symbols mean it is not a name.
    private static func isAllowed(_ c: Character) -> Bool {
        c.isLetter || c == " " || c == "-" || c == "'" || c == "."
            || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
    }

    /// Only an all-lowercase first word is capitalised: "d'Arcy" or "McKenzie" were typed
    /// deliberately; tussenvoegsels later in the name are never touched.
    private static func capitalisingFirstLetter(_ name: String) -> String {
        let firstWord = name.prefix { $0 != " " }
        guard !firstWord.contains(where: \.isUppercase),
            let index = name.firstIndex(where: \.isLetter)
        else { return name }
        return name[..<index] + name[index].uppercased() + name[name.index(after: index)...]
    }
}
