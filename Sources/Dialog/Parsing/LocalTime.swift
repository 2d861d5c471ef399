import Foundation

/// A wall-clock time, e.g. 14:30.
public struct LocalTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var hour, minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    public var description: String { "\(pad(hour, 2)):\(pad(minute, 2))" }

    public static func < (a: LocalTime, b: LocalTime) -> Bool {
        (a.hour, a.minute) < (b.hour, b.minute)
    }
}
