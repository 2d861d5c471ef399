import Foundation

/// The only place Bot reads the time; tests and `--now` pass a fixed one.
struct WallClock: Sendable {
    let now: @Sendable () -> Date

    static let system = WallClock { Date() }
    static func fixed(_ date: Date) -> WallClock { WallClock { date } }
}
