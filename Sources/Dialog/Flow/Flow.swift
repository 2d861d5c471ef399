/// A conversation written as data: nodes that say something, ask something, loop over a list or
/// branch. Loaded from a YAML file by `FlowDecoder`; checked by `FlowChecker`.
public struct Flow: Sendable {
    public var id: String
    public var version: Int
    public var start: String
    /// Fixed option lists; the label of option `k` in list `l` is the text `l.k`.
    public var lists: [String: [String]]
    /// Lists whose options are bands of hours a week: where each option starts, in list order.
    public var hours: [String: AmountParser.Bands] = [:]
    public var modules: [Module]
    public var nodes: [String: Node]
    /// Node ids in the order of the file.
    public var order: [String]
    public var commands: Commands
    /// What the inwoner can do once the flow has ended (the main flow: PLAN, KLAAR 2, NIEUW, ...).
    public var menu: Menu?
    public var limits: Limits
    /// The file the flow came from, for messages that name file and line.
    public var file: String
    /// Nodes of an earlier version and the node a conversation waiting there goes on at, so a
    /// changed flow does not strand a conversation that was stored at a node it no longer has.
    public var moved: [String: String] = [:]

    public func module(_ id: String?) -> Module? { modules.first { $0.id == id } }
}

public struct Module: Sendable, Hashable {
    public var id: String
    /// Text key of the module's title ("Deel 1: Waar sta ik nu?").
    public var title: String
    public var line: Int
}

public struct Limits: Sendable, Hashable {
    /// Failed tries at one question before the question is flagged and the conversation moves on.
    public var maxTries = 3
    /// Auto steps (say, branch, loop) in one turn before the flow is deemed to loop.
    public var maxSteps = 1_000
    /// Earlier questions remembered for TERUG.
    public var historyDepth = 50
    public var textMaxLength = 500
}

public struct Node: Sendable {
    public enum Kind: Sendable {
        case say([String])
        case ask(Question)
        case each(list: Path, alias: String, body: String, then: String)
        case branch
        /// Tells the inwoner we stop here for now; the next message continues at `next`.
        case pause(String)
        case end(String?)
    }

    public var id: String
    public var kind: Kind
    public var next: String?
    public var routes: [Route] = []
    public var actions: [Action] = []
    /// Entering this node starts this module (resets the question count).
    public var module: String?
    public var line: Int
    /// For an `each` loop over a list not known yet: at most this many passes (for the question count).
    public var atMost: Int?

    public var question: Question? {
        if case .ask(let q) = kind { return q }
        return nil
    }

    /// Every node this one can lead to.
    public var targets: [String] {
        var result = routes.map(\.target)
        if let next { result.append(next) }
        switch kind {
        case .each(_, _, let body, let then): result += [body, then]
        case .ask(let q): if let s = q.onStuck { result.append(s) }
        default: break
        }
        return result
    }
}

public struct Question: Sendable {
    public var text: String
    public var answer: AnswerSpec
    public var save: Path?
    /// Text key with what the question means; the answer type's how-to is added.
    public var help: String?
    /// OVERSLAAN is allowed.
    public var optional: Bool
    /// Where to go after too many failed tries; default: on, as if the answer were unknown.
    public var onStuck: String?
    /// Waits without sending the question (shown on HULP and HERHAAL): a network member's
    /// conversation waits for GEDAAN or LATER without asking every time.
    public var quiet = false
}

public enum AnswerType: String, Sendable, CaseIterable {
    case score, yesno, choice, text, name, phone, date
    /// Hours of care, read into the bands of its list (`hours` in the flow file).
    case amount
    /// Who does an action: the inwoner, a network member (by number, name or relation), the
    /// professional, or someone new ("mijn zoon", whose name is asked next).
    case owner
    /// Someone the inwoner names: `{naam, relatie}`, either of them possibly missing.
    case person
    /// Several people at once ("Ans en mijn buurman Karim"): a list of `{naam, relatie}`.
    case people
    /// A relation word ("zus", "buurman").
    case relation

    /// Whether the answer is picked from shown options.
    public var hasOptions: Bool { self == .choice || self == .owner || self == .amount }
}

public struct AnswerSpec: Sendable {
    public var type: AnswerType
    public var options: [OptionSource] = []
    public var multiple = false
    public var maxCount: Int?
    public var maxLength: Int?
    /// "weet ik niet" / "geen" is an answer (stored as none).
    public var allowUnknown = false
}

public enum OptionSource: Sendable {
    /// A fixed list of the flow.
    case list(String)
    /// The items of a list variable; records are shown by their `label` field (default `name`).
    case items(Path, label: String?)
}

public struct Route: Sendable {
    public var condition: Condition
    public var target: String
}

public enum Action: Sendable {
    case set(Path, Expr)
    case append(Path, Expr)
    /// A record for Bot to store (`score`, `goal`, `action`, ...). `id` names where its local id is
    /// kept: empty there means a fresh id, a value there means the same record again (an update).
    case emit(kind: String, fields: [String: Expr], id: Path?)
    case complete(module: String)
    indirect case when(Condition, Action)
}

public enum Command: String, Sendable, CaseIterable, Codable {
    case stop, start, help, back, repeatQuestion = "repeat", skip, pause
}

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
