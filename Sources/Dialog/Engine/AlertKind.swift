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
