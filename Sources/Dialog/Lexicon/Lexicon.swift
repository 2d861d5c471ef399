/// The words people use in their answers, read from `lexicon.*.yaml` beside the flows: yes and
/// no, "weet ik niet", fillers, number and grade words, synonyms of fixed options, relations,
/// vague dates, hours of care. The languages are merged: an inwoner may answer in English in a
/// Dutch conversation. A gemeente adds words to the files without a code change.
public struct Lexicon: Sendable {
    /// Words that say yes on their own ("ja", "jawel", "yes").
    public var yes: Set<String> = []
    /// Weaker agreement that a negator turns around ("klopt", "ok", "klopt niet").
    public var agree = PhraseTable<Bool>()
    public var no: Set<String> = []
    public var negators: Set<String> = []
    /// Doubt: an answer with one of these is never read as yes or no ("misschien", "niet zeker").
    public var uncertain = PhraseTable<Bool>()
    /// Whole answers that mean yes although they hold a negation ("geen probleem", "waarom niet").
    public var yesPhrases = PhraseTable<Bool>()
    /// Whole answers that mean "I don't know" or "none" ("weet ik niet", "geen idee", "niemand").
    public var unknown = PhraseTable<Bool>()
    /// Words that may stand around any answer without changing it ("hoor", "nou", "denk ik").
    public var fillers: Set<String> = []
    /// Number words, diminutives included ("zes", "zesje").
    public var numbers: [String: Int] = [:]
    /// "de tweede": an option's number in a list of choices.
    public var ordinals: [String: Int] = [:]
    /// Grade words ("voldoende"): always asked back as the grade they usually mean.
    public var grades = PhraseTable<Int>()
    /// Synonyms of fixed options by `list.key` ("leefgebieden.geld": "financien").
    public var options: [String: [[String]]] = [:] {
        didSet { resourceWords = ResourceReader.table(options) }
    }
    /// The words that name a kind of hulpbron, made once from `options` rather than at every answer.
    private(set) var resourceWords = PhraseTable<ResourceKind>()
    /// Synonyms that are a guess: the inwoner confirms them ("uren.veel": "elke dag").
    public var askBack: [String: [[String]]] = [:]
    /// Relation words ("dochter", "buurman", "sister"): never names. Each maps to the word it is
    /// stored as ("sister" → "zus").
    public var relations: [String: String] = [:] {
        didSet { relationsByWord = Dictionary(grouping: relations.keys.sorted(), by: { relations[$0]! }) }
    }
    /// Every word of each relation, by the word it is stored as.
    private var relationsByWord: [String: [String]] = [:]
    /// Words before a relation ("mijn", "m'n", "de").
    public var possessives: Set<String> = []
    /// Other words that are no name ("iemand", "wij", "kinderen").
    public var notNames: Set<String> = []
    /// How people introduce their name ("ik heet", "mijn naam is").
    public var nameIntros = PhraseTable<Bool>()
    public var greetings: Set<String> = []
    /// Vague moments and the rule that makes a proposal of them ("volgende week").
    public var dates = PhraseTable<VagueDate>()
    /// Fixed days of the year ("kerstavond": 24 December), as month and day.
    public var days = PhraseTable<MonthDay>()
    /// Hours of care: the unit words and the words for "per day" and "per month" (a number of
    /// hours without them is per week, as the question asks).
    public var hourUnits: Set<String> = []
    public var perDay = PhraseTable<Bool>()
    public var perMonth = PhraseTable<Bool>()
    /// Where each option synonym list was written (`list.key`), for `flows check`.
    public var optionPlaces: [String: LexiconPlace] = [:]

    public init() {}

    /// Every word for a relation ("zus": "zus", "zuster", "sister"), as phrases.
    public func relationWords(for relation: String) -> [[String]] {
        let words = Words.phrase(relation)
        guard words.count == 1 else { return [words] }
        let canonical = relations[words[0]] ?? words[0]
        return ([canonical] + (relationsByWord[canonical] ?? []).filter { $0 != canonical }).map { [$0] }
    }

    /// The synonyms of a fixed option, with `@yes` / `@no` standing for every yes or no word.
    func synonyms(of option: String) -> [[String]] {
        (options[option] ?? []).flatMap { phrase -> [[String]] in
            switch phrase {
            case ["@yes"]: return yes.sorted().map { [$0] }
            case ["@no"]: return no.sorted().map { [$0] }
            default: return [phrase]
            }
        }
    }
}
