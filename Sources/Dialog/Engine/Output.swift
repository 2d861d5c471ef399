/// What the engine asks `Bot` to do after a step. Plain values, in order.
public enum Output: Sendable, Equatable, Codable {
    /// A message to the inwoner. `key` names the text it came from (for transcripts and tests).
    case say(key: String, text: String)
    /// A valid answer to a question (append-only; the latest for a key counts).
    case answer(Answer)
    /// A record for its own table: `consent`, `score`, `strength`, `network`, `goal`, `action`, ...
    case record(kind: String, id: String, fields: [String: Value])
    /// Something a professional should look at.
    case alert(kind: AlertKind, node: String, detail: String)
    /// Something the inwoner told that answers no question (a loss, a worry, a complaint), kept
    /// for the professional. `node` is the question it came in at, if any.
    case note(text: String, node: String?)
    /// Work that needs what only Bot holds (the stored plan): Bot carries it out and replies.
    case request(Request)
    case optedOut
    case optedIn
    case languageChanged(Language)
    case moduleStarted(String)
    case moduleCompleted(String)
    case ended
}

public struct Answer: Sendable, Equatable, Codable {
    public var node: String
    /// The variable it was saved to, with indexes resolved (`score.geld`).
    public var key: String
    public var value: Value
    public var module: String?
    /// What the inwoner typed.
    public var raw: String
}

public enum AlertKind: String, Sendable, Codable {
    /// Three failed tries at one question.
    case stuckQuestion = "stuck_question"
    /// The flow itself misbehaved (a loop, a missing node): a bug in the flow file.
    case flowError = "flow_error"
    /// Signs of a crisis (suicidal thoughts, violence, acute danger): a person must look now.
    case crisis
    /// The inwoner asks for contact with their professional (CONTACT, HULP after the intake).
    case contact

    /// Shown first and never held back: someone may be in danger.
    public var isUrgent: Bool { self == .crisis }
}

/// What the engine asks of Bot when the answer depends on stored data the engine does not hold.
public enum Request: Sendable, Equatable, Codable {
    /// The ondersteuningsplan as it is stored now, as a message to the inwoner.
    case plan
    /// Action `number` of the plan (as numbered in the plan message) is done.
    case actionDone(number: Int)
}

/// The result of one step: the new state and what to do.
public struct Transition: Sendable, Equatable {
    public var state: Conversation
    public var outputs: [Output]

    public var messages: [String] {
        outputs.compactMap { if case .say(_, let text) = $0 { text } else { nil } }
    }
}
