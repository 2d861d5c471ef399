public struct Module: Sendable, Hashable {
    public var id: String
    /// Text key of the module's title ("Deel 1: Waar sta ik nu?").
    public var title: String
    public var line: Int
}
