/// A day of the year without the year.
public struct MonthDay: Sendable, Equatable {
    public var month: Int
    public var day: Int
}
