/// The result of one step: the new state and what to do.
public struct Transition: Sendable, Equatable {
    public var state: Conversation
    public var outputs: [Output]

    public var messages: [String] {
        outputs.compactMap { if case .say(_, let text) = $0 { text } else { nil } }
    }
}
