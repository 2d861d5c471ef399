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
