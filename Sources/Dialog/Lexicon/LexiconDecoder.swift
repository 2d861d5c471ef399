/// Reads a lexicon file (`lexicon.nl.yaml`) into the library's lexicon. Every error names the
/// file and the line; a word listed with two meanings in two files is an error too.
public enum LexiconDecoder {
    static let keys: Set<String> = [
        "language", "yes", "agree", "no", "negators", "uncertain", "yes_phrases", "unknown", "fillers", "numbers",
        "grades", "options", "ask_back", "relations", "possessives", "name_intros", "greetings", "dates", "hours",
        "ordinals", "not_names", "days"
    ]

    public static func decode(_ text: String, file: String, into lexicon: inout Lexicon) throws(FlowError) {
        let root = try YAMLNode.parse(text, file: file)
        let f = try root.fields(allowed: keys)
        guard let language = f["language"] else { throw root.error("a lexicon names its 'language' (nl, en)") }
        guard Language(rawValue: try language.string()) != nil else {
            throw language.error("unknown language '\(try language.string())' (known: nl, en)")
        }
        lexicon.yes.formUnion(try words(f["yes"]))
        lexicon.no.formUnion(try words(f["no"]))
        lexicon.negators.formUnion(try words(f["negators"]))
        lexicon.fillers.formUnion(try words(f["fillers"]))
        if let relations = f["relations"] {
            if relations.isMapping {
                for (word, canonical) in try relations.mapping() {
                    lexicon.relations[Words.phrase(word).first ?? word] = Words.phrase(try canonical.string()).first ?? ""
                }
            } else {
                for word in try words(relations) { lexicon.relations[word] = word }
            }
        }
        lexicon.possessives.formUnion(try words(f["possessives"]))
        lexicon.notNames.formUnion(try words(f["not_names"]))
        lexicon.greetings.formUnion(try words(f["greetings"]))
        for (table, key) in [
            (\Lexicon.agree, "agree"), (\.uncertain, "uncertain"), (\.yesPhrases, "yes_phrases"),
            (\.unknown, "unknown"), (\.nameIntros, "name_intros")
        ] as [(WritableKeyPath<Lexicon, PhraseTable<Bool>>, String)] {
            for phrase in try phrases(f[key]) { lexicon[keyPath: table].add(phrase, true) }
        }
        for (table, name) in [(\Lexicon.numbers, "numbers"), (\.ordinals, "ordinals")]
            as [(WritableKeyPath<Lexicon, [String: Int]>, String)]
        {
            for (word, value) in try mapping(f[name]) {
                let n = try value.int()
                let key = Words.phrase(word)
                guard key.count == 1 else { throw value.error("one word per entry in '\(name)': '\(word)'") }
                if let other = lexicon[keyPath: table][key[0]], other != n {
                    throw value.error("'\(word)' is also \(other) in another lexicon file")
                }
                lexicon[keyPath: table][key[0]] = n
            }
        }
        for (phrase, value) in try mapping(f["days"]) {
            let parts = try value.string().split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, LocalDate.isValid(year: 2028, month: parts[0], day: parts[1]) else {
                throw value.error("a day is written as month-day, for example \"12-24\"")
            }
            lexicon.days.add(phrase, MonthDay(month: parts[0], day: parts[1]))
        }
        for (phrase, value) in try mapping(f["grades"]) {
            let n = try value.int()
            guard (0...10).contains(n) else { throw value.error("a grade is 0 to 10, not \(n)") }
            lexicon.grades.add(phrase, n)
        }
        var synonyms = lexicon.options
        try options(f["options"], into: &synonyms, places: &lexicon.optionPlaces, file: file)
        lexicon.options = synonyms
        try options(f["ask_back"], into: &lexicon.askBack, places: &lexicon.optionPlaces, file: file)
        for (phrase, value) in try mapping(f["dates"]) {
            let name = try value.string()
            guard let rule = VagueDate(rawValue: name) else {
                throw value.error("'\(name)' is no date rule (known: \(VagueDate.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            lexicon.dates.add(phrase, rule)
        }
        if let hours = f["hours"] {
            let h = try hours.fields(allowed: ["units", "per_day", "per_month"])
            lexicon.hourUnits.formUnion(try words(h["units"]))
            for phrase in try phrases(h["per_day"]) { lexicon.perDay.add(phrase, true) }
            for phrase in try phrases(h["per_month"]) { lexicon.perMonth.add(phrase, true) }
        }
    }

    /// One-word entries, folded as answers are.
    private static func words(_ node: YAMLNode?) throws(FlowError) -> [String] {
        try (node?.sequence() ?? []).map { item throws(FlowError) in
            let phrase = Words.phrase(try item.string())
            guard phrase.count == 1 else { throw item.error("one word per entry here, found '\(try item.string())'") }
            return phrase[0]
        }
    }

    private static func phrases(_ node: YAMLNode?) throws(FlowError) -> [[String]] {
        try (node?.sequence() ?? []).map { item throws(FlowError) in
            let phrase = Words.phrase(try item.string())
            guard !phrase.isEmpty else { throw item.error("an entry without words") }
            return phrase
        }
    }

    private static func mapping(_ node: YAMLNode?) throws(FlowError) -> [(key: String, value: YAMLNode)] {
        try node?.mapping() ?? []
    }

    /// `list.key: [synonym, ...]`; `@yes` and `@no` stand for all yes or no words.
    private static func options(
        _ node: YAMLNode?, into table: inout [String: [[String]]], places: inout [String: LexiconPlace],
        file: String
    ) throws(FlowError) {
        for (key, keyNode, value) in try node?.entries() ?? [] {
            guard key.split(separator: ".").count == 2 else { throw keyNode.error("an option is written as list.key, not '\(key)'") }
            for item in try value.sequence() {
                let text = try item.string()
                if text == "@yes" || text == "@no" {
                    table[key, default: []].append([text])
                    continue
                }
                let phrase = Words.phrase(text)
                guard !phrase.isEmpty else { throw item.error("an entry without words") }
                table[key, default: []].append(phrase)
            }
            if places[key] == nil { places[key] = LexiconPlace(file: file, line: keyNode.line) }
        }
    }
}
