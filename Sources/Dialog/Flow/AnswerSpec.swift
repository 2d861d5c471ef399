public struct AnswerSpec: Sendable {
    public var type: AnswerType
    public var options: [OptionSource] = []
    public var multiple = false
    public var maxCount: Int?
    public var maxLength: Int?
    /// "weet ik niet" / "geen" is an answer (stored as none).
    public var allowUnknown = false
}
