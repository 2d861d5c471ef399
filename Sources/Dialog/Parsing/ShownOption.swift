/// One option of a question as the inwoner sees it and as answers may name it.
public struct ShownOption: Sendable {
    /// What choosing it stores.
    public var value: Value
    /// The label in every language ("Wonen", "Housing").
    public var labels: [String]
    /// The label in the conversation's language.
    public var shown: String
    /// Other phrases that name it: the lexicon's synonyms of a fixed option, a network member's
    /// relation ("dochter").
    public var synonyms: [[String]] = []
    /// Phrases that only suggest it; an answer naming it this way is confirmed first.
    public var guesses: [[String]] = []
    /// How the phrase matcher sees it, made once.
    let matcherOption: OptionMatcher.Option

    public init(value: Value, labels: [String], shown: String, synonyms: [[String]] = [], guesses: [[String]] = []) {
        self.value = value
        self.labels = labels
        self.shown = shown
        self.synonyms = synonyms
        self.guesses = guesses
        matcherOption = OptionMatcher.Option(phrases: labels.map(Words.phrase) + synonyms, guesses: guesses)
    }

    /// A fixed option `list.key` with its synonyms from the lexicon.
    public init(list: String, key: String, labels: [String], shown: String, lexicon: Lexicon) {
        let ref = "\(list).\(key)"
        self.init(
            value: .option(list: list, key: key), labels: labels, shown: shown,
            synonyms: lexicon.synonyms(of: ref), guesses: lexicon.askBack[ref] ?? [])
    }
}
