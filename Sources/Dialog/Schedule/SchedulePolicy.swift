import Foundation

/// When reminders and follow-ups go out: the deployment's send window and reminder plan (from
/// `schedule.yaml` beside the flows, else the defaults), the calendar of Europe/Amsterdam.
public struct SchedulePolicy: Sendable {
    public var window = SendWindow()
    public var reminders = ReminderPlan()
    /// Ask "is het gelukt?" this long after a due moment with a time.
    public var followUpDelay: TimeInterval = 3600
    /// For a due date without a time: ask the next day at this local time.
    public var followUpNextDayAt = LocalTime(hour: 10, minute: 0)
    /// An unanswered follow-up question is asked again this long after it was asked (or after the
    /// last message in its conversation); as long after that, it becomes a signal.
    public var askAgainAfter: TimeInterval = 24 * 3600
    /// Re-rate the leefgebied of a goal this many weeks after it was set, if not done before.
    public var rerateAfterWeeks = 6
    /// An action still open this many days after its due date raises an alert for the professional.
    public var overdueAfterDays = 3
    /// The weekly overview: ISO weekday (1 = Monday) and local time.
    public var weeklyWeekday = 1
    public var weeklyAt = LocalTime(hour: 10, minute: 0)
    public var calendar = DialogEnvironment.amsterdam.calendar

    public init(settings: ScheduleSettings = ScheduleSettings()) {
        window = settings.window
        reminders = settings.reminders
        followUpDelay = TimeInterval(settings.followUpHours * 3600)
        followUpNextDayAt = settings.followUpNextDayAt
        askAgainAfter = TimeInterval(settings.askAgainAfterHours * 3600)
        rerateAfterWeeks = settings.rerateAfterWeeks
        weeklyWeekday = settings.weeklyWeekday.rawValue
        weeklyAt = settings.weeklyAt
    }

    /// The window for one person: their own override, else the deployment's.
    public func window(override json: String?) -> SendWindow {
        guard let json, let data = json.data(using: .utf8), let own = try? JSONDecoder().decode(SendWindow.self, from: data) else {
            return window
        }
        return own
    }

    /// The moment to ask whether an action worked, inside the window.
    public func followUp(due: LocalDate, at time: LocalTime?, window: SendWindow) -> Date? {
        let moment: Date?
        if let time {
            moment = window.moment(on: due, at: time, calendar: calendar)?.addingTimeInterval(followUpDelay)
        } else {
            moment = window.moment(on: due.adding(days: 1), at: followUpNextDayAt, calendar: calendar)
        }
        return moment.map { window.nextOpening(atOrAfter: $0, calendar: calendar) }
    }

    /// When a question asked (or last answered) at `moment` counts as unanswered: the set time
    /// later, at the window's next opening.
    public func askAgain(after moment: Date, window: SendWindow) -> Date {
        window.nextOpening(atOrAfter: moment.addingTimeInterval(askAgainAfter), calendar: calendar)
    }
}
