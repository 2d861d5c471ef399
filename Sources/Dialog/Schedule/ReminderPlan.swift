import Foundation

/// When to remind the owner of an action before it is due: a list of offsets such as
/// "the day before at 18:00" and "on the day at 09:00" (the default).
public struct ReminderPlan: Sendable, Equatable {
    /// One reminder: `daysBefore` days before the due date, at local time `at`.
    public struct Offset: Sendable, Hashable {
        public var daysBefore: Int
        public var at: LocalTime

        public init(daysBefore: Int, at: LocalTime) {
            self.daysBefore = daysBefore
            self.at = at
        }
    }

    public var offsets: [Offset]

    public static let standard = ReminderPlan()

    public init(
        offsets: [Offset] = [
            Offset(daysBefore: 1, at: LocalTime(hour: 18, minute: 0)),
            Offset(daysBefore: 0, at: LocalTime(hour: 9, minute: 0))
        ]
    ) {
        self.offsets = offsets
    }

    /// The instants to send reminders for an action due on `due` (at `dueTime`, or some time
    /// that day), sorted and distinct. For each offset:
    /// 1. its local moment (the window's zone; see `SendWindow.moment`);
    /// 2. dropped when not after `now`: a reminder whose time has passed is not caught up,
    ///    so an action due today at 15:00 entered at 10:00 gets none from the default plan;
    /// 3. dropped when after the due moment (the due time, or with only a date the end of
    ///    that day; a reminder exactly at the due time is kept);
    /// 4. moved into the send window (`nextOpening`), and dropped if that moves it past the
    ///    due moment: a Monday 08:30 action gets no default reminder, as Sunday 18:00
    ///    moves to Monday 09:00;
    /// 5. reminders moved to the same instant become one.
    public func reminders(for due: LocalDate, at dueTime: LocalTime?, now: Date, window: SendWindow, calendar: Calendar) -> [Date] {
        let clock = window.clock(calendar)
        let isByDue: (Date) -> Bool
        if let dueTime {
            let deadline = clock.moment(of: due, seconds: dueTime.secondsOfDay)
            isByDue = { $0 <= deadline }
        } else {
            let nextDay = clock.moment(of: due.adding(days: 1), seconds: 0)
            isByDue = { $0 < nextDay }
        }
        var result = Set<Date>()
        for offset in offsets {
            let local = clock.moment(of: due.adding(days: -offset.daysBefore), seconds: offset.at.secondsOfDay)
            guard local > now, isByDue(local) else { continue }
            let moved = window.nextOpening(atOrAfter: local, calendar: calendar)
            if isByDue(moved) { result.insert(moved) }
        }
        return result.sorted()
    }
}
