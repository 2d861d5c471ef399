import Foundation

/// The world as the engine may see it: passed in, never read.
public struct DialogEnvironment: Sendable {
    public var calendar: Calendar

    public init(timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam")!) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "nl_NL")
        self.calendar = calendar
    }

    public static let amsterdam = DialogEnvironment()
}
