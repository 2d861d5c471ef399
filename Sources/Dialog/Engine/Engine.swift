import Foundation

/// The dialogue engine: `advance(state, input, now) -> (state, outputs)`, pure and deterministic.
/// A class holding only constants: every turn refers to it without copying its tables.
public final class Engine: Sendable {
    public let flow: Flow
    public let catalog: Catalog
    public let lexicon: Lexicon
    public let signals: Signals
    public let environment: DialogEnvironment
    let questionGraph: QuestionGraph
    /// The options of every fixed list of the flow with their synonyms, per language: the same
    /// lists are shown and read at every choice question.
    let listOptions: [Language: [String: [ShownOption]]]

    public init(flow: Flow, catalog: Catalog, lexicon: Lexicon, signals: Signals, environment: DialogEnvironment = .amsterdam) {
        self.flow = flow
        self.catalog = catalog
        self.lexicon = lexicon
        self.signals = signals
        self.environment = environment
        questionGraph = QuestionGraph(flow)
        var listOptions: [Language: [String: [ShownOption]]] = [:]
        for language in Language.allCases {
            for (name, keys) in flow.lists {
                listOptions[language, default: [:]][name] = keys.map { key in
                    ShownOption(list: name, key: key, labels: Language.allCases.map { catalog.text("\(name).\(key)", $0) },
                                shown: catalog.text("\(name).\(key)", language), lexicon: lexicon)
                }
            }
        }
        self.listOptions = listOptions
    }

    public func newConversation(language: Language = .nl) -> Conversation {
        Conversation(flowID: flow.id, flowVersion: flow.version, language: language)
    }

    public func advance(_ state: Conversation, with input: Input, at now: Date) -> Transition {
        var turn = Turn(engine: self, state: state, now: now)
        do {
            switch input {
            case .begin: try turn.begin()
            case .message(let text): try turn.receive(text)
            }
        } catch {
            // A broken flow must not corrupt the conversation: keep the old state, tell a person.
            var kept = state
            kept.lastActivity = now
            let node = state.node ?? flow.start
            return Transition(state: kept, outputs: [
                .alert(kind: .flowError, node: node, detail: error.description),
                .say(key: "system.flow_error", text: catalog.text("system.flow_error", state.language)),
            ])
        }
        turn.state.lastActivity = now
        return Transition(state: turn.state, outputs: turn.outputs)
    }
}

/// A fault in the flow found while running it (a missing node, a loop without a question).
struct FlowFault: Error, CustomStringConvertible {
    let description: String
}

/// One step in progress: the state being changed and the outputs so far.
struct Turn {
    let engine: Engine
    var state: Conversation
    let now: Date
    var outputs: [Output] = []
    var steps = 0

    var flow: Flow { engine.flow }
    var catalog: Catalog { engine.catalog }
    var scope: Scope { Scope(root: state.vars) }

    func node(_ id: String) throws(FlowFault) -> Node {
        guard let node = flow.nodes[id] ?? flow.moved[id].flatMap({ flow.nodes[$0] }) else {
            throw FlowFault(description: "node '\(id)' does not exist")
        }
        return node
    }

    /// Renders a text key against the conversation's variables (plus `extra` for system texts).
    func render(_ key: String, extra: [String: Value] = [:]) -> String {
        Turn.tidy(Renderer(catalog: catalog, language: state.language).render(key, vars: state.vars, extra: extra))
    }

    /// A message; a long one (a spiegelblad) goes as several, each within 3 SMS segments.
    mutating func say(_ key: String, extra: [String: Value] = [:]) {
        for part in MessageSplitter.split(render(key, extra: extra)) {
            outputs.append(.say(key: key, text: part))
        }
    }

    /// A rendered text without the empty lines a list section may leave at its end.
    static func tidy(_ text: String) -> String {
        // Nearly every text ends in a visible ASCII character: nothing to walk back over.
        if let last = text.utf8.last, last > 0x20, last < 0x7F { return text }
        var t = Substring(text)
        while let last = t.last, last.isWhitespace { t = t.dropLast() }
        return String(t)
    }
}
