public struct Commands: Sendable {
    /// Folded words per command; a word listed for two commands means the first in `Command.allCases`.
    public var words: [Command: [String]] = [:] { didSet { commandOfWord = Self.index(words, order: Command.allCases) } }
    public var languages: [Language: [String]] = [:] { didSet { languageOfWord = Self.index(languages, order: Language.allCases) } }

    /// Every message is checked against both lists: one lookup each instead of a walk over all words.
    private var commandOfWord: [String: Command] = [:]
    private var languageOfWord: [String: Language] = [:]

    /// `folded` is the message as `AnswerText.fold` makes it.
    func command(folded: String) -> Command? { commandOfWord[folded] }

    func language(folded: String) -> Language? { languageOfWord[folded] }

    private static func index<Key: Hashable>(_ lists: [Key: [String]], order: [Key]) -> [String: Key] {
        var index: [String: Key] = [:]
        for key in order {
            for word in lists[key, default: []] where index[word] == nil { index[word] = key }
        }
        return index
    }
}
