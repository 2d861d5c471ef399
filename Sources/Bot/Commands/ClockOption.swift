import ArgumentParser
import Foundation

/// `--now` for a command that stamps or plans with the time: fixed for tests and demos, else the
/// system clock. The command reads the time only through `clock`.
struct ClockOption: ParsableArguments {
    @Option(help: "Pretend it is this moment (ISO 8601); default: now.")
    var now: String?

    func validate() throws {
        if let now, ISO8601DateFormatter().date(from: now) == nil {
            throw ValidationError("--now is not an ISO 8601 time, for example 2026-12-04T10:00:00+01:00")
        }
    }

    var clock: WallClock {
        now.flatMap { ISO8601DateFormatter().date(from: $0) }.map(WallClock.fixed) ?? .system
    }
}
