public struct AnswerSpec: Sendable {
    public var type: AnswerType
    public var options: [OptionSource] = []
    public var multiple = false
    public var maxCount: Int?
    public var maxLength: Int?
    /// "weet ik niet" / "geen" is an answer (stored as none).
    public var allowUnknown = false

    /// Whether the question lists options under its text: a choice, and a text that offers
    /// suggestions (a number or a name picks one, other words are the inwoner's own answer).
    public var showsOptions: Bool { type.hasOptions || (type == .text && !options.isEmpty) }
}
