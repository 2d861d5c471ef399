public struct Limits: Sendable, Hashable {
    /// Failed tries at one question before the question is flagged and the conversation moves on.
    public var maxTries = 3
    /// Auto steps (say, branch, loop) in one turn before the flow is deemed to loop.
    public var maxSteps = 1_000
    /// Earlier questions remembered for TERUG.
    public var historyDepth = 50
    public var textMaxLength = 500
}
