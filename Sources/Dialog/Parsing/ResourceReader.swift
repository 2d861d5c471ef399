/// Reads which of the method's four kinds of hulpbronnen an answer in the inwoner's own words
/// names ("iemand die meegaat naar de corporatie", "uitleg over toeslagen"): the synonyms of the
/// options `hulpbron.*` in the lexicon, and every relation word for people. The words themselves
/// are kept as written; the kinds are a reading of them, and a flow asks for them when none is found.
public enum ResourceReader {
    /// The flow's list of the four kinds; its keys are the raw values of `ResourceKind`.
    public static let list = "hulpbron"

    /// The kinds named, in the order of `ResourceKind.allCases`.
    public static func kinds(in text: String, lexicon: Lexicon) -> [ResourceKind] {
        guard !AnswerText.isTooLongToParse(text) else { return [] }
        let table = lexicon.resourceWords
        let words = Words(text).words
        var found: Set<ResourceKind> = []
        var i = 0
        while i < words.count {
            if let hit = table.match(words, at: i) {
                found.insert(hit.payload)
                i += hit.length
                continue
            }
            if RelationParser.relation(words[i], lexicon) != nil { found.insert(.people) }
            i += 1
        }
        return ResourceKind.allCases.filter(found.contains)
    }

    /// The synonyms of the options `hulpbron.*` as one table.
    static func table(_ options: [String: [[String]]]) -> PhraseTable<ResourceKind> {
        var table = PhraseTable<ResourceKind>()
        for kind in ResourceKind.allCases {
            for phrase in options["\(list).\(kind.rawValue)"] ?? [] { table.add(phrase, kind) }
        }
        return table
    }

    /// `{text, kinds}` as a flow stores it: the kinds as options of the list `hulpbron`.
    public static func value(_ text: String, lexicon: Lexicon) -> Value {
        .record([
            "text": .text(text),
            "kinds": .list(kinds(in: text, lexicon: lexicon).map { .option(list: list, key: $0.rawValue) })
        ])
    }
}
