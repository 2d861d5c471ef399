import Foundation

/// The dialogue engine: `advance(state, input, now) -> (state, outputs)`, pure and deterministic.
/// A class holding only constants: every turn refers to it without copying its tables.
public final class Engine: Sendable {
    public let flow: Flow
    public let catalog: Catalog
    public let lexicon: Lexicon
    public let signals: Signals
    /// The gemeente's sociale kaart, for `find: voorzieningen`.
    public let socialMap: SocialMap
    public let environment: DialogEnvironment
    let questionGraph: QuestionGraph
    /// The options of every fixed list of the flow with their synonyms, per language: the same
    /// lists are shown and read at every choice question.
    let listOptions: [Language: [String: [ShownOption]]]

    public init(
        flow: Flow, catalog: Catalog, lexicon: Lexicon, signals: Signals, socialMap: SocialMap = SocialMap(),
        environment: DialogEnvironment = .amsterdam
    ) {
        self.flow = flow
        self.socialMap = socialMap
        self.catalog = catalog
        self.lexicon = lexicon
        self.signals = signals
        self.environment = environment
        questionGraph = QuestionGraph(flow)
        var listOptions: [Language: [String: [ShownOption]]] = [:]
        for language in Language.allCases {
            for (name, keys) in flow.lists {
                listOptions[language, default: [:]][name] = keys.map { key in
                    ShownOption(
                        list: name, key: key, labels: Language.allCases.map { catalog.text("\(name).\(key)", $0) },
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
            return Transition(
                state: kept,
                outputs: [
                    .alert(kind: .flowError, node: node, detail: error.description),
                    .say(key: "system.flow_error", text: catalog.text("system.flow_error", state.language))
                ])
        }
        turn.state.lastActivity = now
        return Transition(state: turn.state, outputs: turn.outputs)
    }
}
