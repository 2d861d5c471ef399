import Foundation

@testable import Dialog

/// Shared by the schedule tests: the Amsterdam calendar and short builders for instants, days and times.
let amsterdam: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
    return calendar
}()

/// An instant from ISO 8601 with an explicit offset: `"2026-03-30T09:00:00+02:00"`.
func instant(_ iso: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: iso) else { fatalError("bad ISO 8601 in test table: \(iso)") }
    return date
}

func day(_ s: String) -> LocalDate {
    let p = s.split(separator: "-").map { Int($0)! }
    return LocalDate(year: p[0], month: p[1], day: p[2])
}

func time(_ s: String) -> LocalTime { LocalTime(clock: s)! }
