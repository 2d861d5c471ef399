public struct Answer: Sendable, Equatable, Codable {
    public var node: String
    /// The variable it was saved to, with indexes resolved (`score.geld`).
    public var key: String
    public var value: Value
    public var module: String?
    /// What the inwoner typed.
    public var raw: String
}
