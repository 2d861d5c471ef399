import Foundation

/// Local wall-clock arithmetic in one time zone, done on the zone's UTC offsets so that
/// daylight-saving gaps and overlaps are handled explicitly rather than by platform defaults.
struct ZonedWallClock: Sendable {
    let timeZone: TimeZone

    private static let day = 86_400

    /// The local date of `instant` and the seconds since that date's local midnight (wall clock).
    func local(_ instant: Date) -> (date: LocalDate, seconds: Double) {
        let local = instant.timeIntervalSince1970 + Double(offset(instant))
        let dayNumber = Int((local / Double(Self.day)).rounded(.down))
        return (LocalDate(dayNumber: dayNumber), local - Double(dayNumber * Self.day))
    }

    /// Every instant that reads `seconds` after local midnight of `date`, earliest first:
    /// none in a spring-forward gap, two in a fall-back overlap, else one.
    func occurrences(of date: LocalDate, seconds: Int) -> [Date] {
        let local = date.dayNumber * Self.day + seconds
        let offsets = Set([-Self.day, -Self.day / 2, 0, Self.day / 2, Self.day].map { offset(at: local + $0) })
        return offsets.map { local - $0 }.filter { offset(at: $0) == local - $0 }.sorted()
            .map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// The instant of a local wall-clock reading: the first occurrence when it is ambiguous,
    /// the first instant after the gap when it does not exist.
    func moment(of date: LocalDate, seconds: Int) -> Date {
        occurrences(of: date, seconds: seconds).first ?? gapEnd(around: date.dayNumber * Self.day + seconds)
    }

    /// `moment`, plus the later occurrence in an overlap: every candidate instant for that reading.
    func candidates(of date: LocalDate, seconds: Int) -> [Date] {
        let found = occurrences(of: date, seconds: seconds)
        return found.isEmpty ? [gapEnd(around: date.dayNumber * Self.day + seconds)] : found
    }

    /// The instant the offset changes, for a local reading `local` that falls in the gap.
    private func gapEnd(around local: Int) -> Date {
        let before = offset(at: local - Self.day)
        let after = offset(at: local + Self.day)
        // In a gap the zone moves forward: `local - after` still has the old offset,
        // `local - before` already the new one. Bisect for the first second of the new offset.
        var lo = local - max(before, after)
        var hi = local - min(before, after)
        let old = offset(at: lo)
        guard old != offset(at: hi) else { return Date(timeIntervalSince1970: Double(local - before)) }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if offset(at: mid) == old { lo = mid } else { hi = mid }
        }
        return Date(timeIntervalSince1970: Double(hi))
    }

    private func offset(_ instant: Date) -> Int { timeZone.secondsFromGMT(for: instant) }
    private func offset(at seconds: Int) -> Int { offset(Date(timeIntervalSince1970: Double(seconds))) }
}

extension LocalTime {
    /// Seconds since midnight.
    var secondsOfDay: Int { hour * 3600 + minute * 60 }
}
