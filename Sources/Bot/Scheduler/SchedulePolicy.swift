import Dialog
import Foundation

/// When reminders and follow-ups go out: the deployment's send window and reminder plan (from
/// `schedule.yaml` beside the flows, else the defaults), the calendar of Europe/Amsterdam.
struct SchedulePolicy: Sendable {
    var window = SendWindow()
    var reminders = ReminderPlan()
    /// Ask "is het gelukt?" this long after a due moment with a time.
    var followUpDelay: TimeInterval = 3600
    /// For a due date without a time: ask the next day at this local time.
    var followUpNextDayAt = LocalTime(hour: 10, minute: 0)
    /// Re-rate the leefgebied of a goal this many weeks after it was set, if not done before.
    var rerateAfterWeeks = 6
    /// An action still open this many days after its due date raises an alert for the professional.
    var overdueAfterDays = 3
    /// The weekly overview: ISO weekday (1 = Monday) and local time.
    var weeklyWeekday = 1
    var weeklyAt = LocalTime(hour: 10, minute: 0)
    var calendar = DialogEnvironment.amsterdam.calendar

    init(settings: ScheduleSettings = ScheduleSettings()) {
        window = settings.window
        reminders = settings.reminders
        followUpDelay = TimeInterval(settings.followUpHours * 3600)
        followUpNextDayAt = settings.followUpNextDayAt
        rerateAfterWeeks = settings.rerateAfterWeeks
        weeklyWeekday = settings.weeklyWeekday.rawValue
        weeklyAt = settings.weeklyAt
    }

    /// The window for one person: their own override, else the deployment's.
    func window(override json: String?) -> SendWindow {
        guard let json, let data = json.data(using: .utf8), let own = try? JSONDecoder().decode(SendWindow.self, from: data) else {
            return window
        }
        return own
    }

    /// The moment to ask whether an action worked, inside the window.
    func followUp(due: LocalDate, at time: LocalTime?, window: SendWindow) -> Date? {
        let moment: Date?
        if let time {
            moment = window.moment(on: due, at: time, calendar: calendar)?.addingTimeInterval(followUpDelay)
        } else {
            moment = window.moment(on: due.adding(days: 1), at: followUpNextDayAt, calendar: calendar)
        }
        return moment.map { window.nextOpening(atOrAfter: $0, calendar: calendar) }
    }
}
