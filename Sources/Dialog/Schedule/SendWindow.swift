import Foundation

/// When messages may be sent: on which days, between which local times, and whether on
/// public holidays. Pure policy: the instant and the calendar are always passed in.
///
/// A per-inwoner override is just another `SendWindow`; fields missing from its JSON/YAML take
/// the defaults below (not the values of some base window).
public struct SendWindow: Sendable, Equatable {
    /// Days on which the window opens. Default Monday to Saturday.
    public var days: Set<Weekday>
    /// First local wall-clock minute of the window (inclusive). Default 09:00.
    public var start: LocalTime
    /// End of the window (exclusive); `24:00` means through midnight. Default 20:00.
    public var end: LocalTime
    /// Whether the window stays shut on `holidays`. Default true.
    public var excludesHolidays: Bool
    /// The holidays that shut the window when `excludesHolidays`. Default all of them.
    public var holidays: Set<DutchHoliday>
    /// The IANA zone whose wall clock `start` and `end` are read on. Default Europe/Amsterdam.
    /// When it names no known zone, the calendar's zone is used.
    public var timeZoneIdentifier: String

    public static let standard = SendWindow()

    public init(
        days: Set<Weekday> = Weekday.mondayToSaturday,
        start: LocalTime = LocalTime(hour: 9, minute: 0),
        end: LocalTime = LocalTime(hour: 20, minute: 0),
        excludesHolidays: Bool = true,
        holidays: Set<DutchHoliday> = Set(DutchHoliday.allCases),
        timeZoneIdentifier: String = "Europe/Amsterdam"
    ) {
        self.days = days
        self.start = start
        self.end = end
        self.excludesHolidays = excludesHolidays
        self.holidays = holidays
        self.timeZoneIdentifier = timeZoneIdentifier
    }

    /// Whether the window can open at all on `date` (weekday and holidays; not the hours).
    public func isOpenDay(_ date: LocalDate) -> Bool {
        days.contains(date.weekday) && !(excludesHolidays && DutchHolidays.isHoliday(date, among: holidays))
    }

    /// The wall clock of this window: `timeZoneIdentifier`, or the calendar's zone when that is unknown.
    func clock(_ calendar: Calendar) -> ZonedWallClock {
        ZonedWallClock(timeZone: TimeZone(identifier: timeZoneIdentifier) ?? calendar.timeZone)
    }
}
