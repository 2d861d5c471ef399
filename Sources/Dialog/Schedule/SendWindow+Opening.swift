import Foundation

extension SendWindow {
    /// Whether a message may be sent at `instant`: an open day, and `start <= local time < end`.
    public func isOpen(at instant: Date, calendar: Calendar) -> Bool {
        let (date, seconds) = clock(calendar).local(instant)
        return isOpenDay(date) && Double(start.secondsOfDay) <= seconds && seconds < Double(end.secondsOfDay)
    }

    /// `instant` itself when the window is open then, else the start of the next open window.
    /// `Date.distantFuture` for a window that never opens (no days, or `start >= end`).
    public func nextOpening(atOrAfter instant: Date, calendar: Calendar) -> Date {
        if isOpen(at: instant, calendar: calendar) { return instant }
        let clock = clock(calendar)
        let today = clock.local(instant).date
        // Any weekday occurs 57 times in 400 days, far more than the holidays that can shut it.
        for offset in 0...400 {
            let day = today.adding(days: offset)
            guard isOpenDay(day) else { continue }
            // Usually one candidate; in an October overlap also the repeated hour; in a
            // spring-forward gap the first instant after it (03:00 for a 02:30 start).
            for candidate in clock.candidates(of: day, seconds: start.secondsOfDay)
            where candidate > instant && isOpen(at: candidate, calendar: calendar) {
                return candidate
            }
        }
        return .distantFuture
    }

    /// The instant of a local wall-clock time on `date`, in this window's zone. A time in the
    /// spring-forward gap gives the first instant after the gap (02:30 → 03:00 summer time);
    /// an ambiguous time in the October overlap gives its first occurrence (summer time).
    public func moment(on date: LocalDate, at time: LocalTime, calendar: Calendar) -> Date? {
        guard LocalDate.isValid(year: date.year, month: date.month, day: date.day),
            (0...23).contains(time.hour), (0...59).contains(time.minute)
        else { return nil }
        return clock(calendar).moment(of: date, seconds: time.secondsOfDay)
    }
}
