public struct Route: Sendable {
    public var condition: Condition
    public var target: String
}
