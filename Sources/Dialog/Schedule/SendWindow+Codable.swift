import Foundation

/// `{"days": ["mon", …], "start": "09:00", "end": "20:00", "exclude_holidays": true,
///   "holidays": ["koningsdag", …], "time_zone": "Europe/Amsterdam"}`; every key optional,
/// unknown keys refused, and a window that could never open is refused too.
extension SendWindow: Codable {
    static let keys = ["days", "start", "end", "exclude_holidays", "holidays", "time_zone"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: ScheduleKey.self)
        try c.rejectUnknownKeys(allowed: Self.keys)
        self.init()
        if let days = try c.decodeIfPresent([Weekday].self, forKey: ScheduleKey("days")) {
            guard !days.isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: ScheduleKey("days"), in: c, debugDescription: "a send window needs at least one day")
            }
            self.days = Set(days)
        }
        start = try c.decodeTime("start") ?? start
        end = try c.decodeTime("end", allowEndOfDay: true) ?? end
        guard start < end else {
            throw DecodingError.dataCorruptedError(
                forKey: ScheduleKey("end"), in: c, debugDescription: "end \(end) must be after start \(start)")
        }
        excludesHolidays = try c.decodeIfPresent(Bool.self, forKey: ScheduleKey("exclude_holidays")) ?? excludesHolidays
        if let holidays = try c.decodeIfPresent([DutchHoliday].self, forKey: ScheduleKey("holidays")) {
            self.holidays = Set(holidays)
        }
        if let zone = try c.decodeIfPresent(String.self, forKey: ScheduleKey("time_zone")) {
            guard TimeZone(identifier: zone) != nil else {
                throw DecodingError.dataCorruptedError(
                    forKey: ScheduleKey("time_zone"), in: c, debugDescription: "unknown time zone '\(zone)'")
            }
            timeZoneIdentifier = zone
        }
    }

    /// Every key, in a stable order (days Monday first, holidays in calendar order).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ScheduleKey.self)
        try c.encode(days.sorted(), forKey: ScheduleKey("days"))
        try c.encode(start.description, forKey: ScheduleKey("start"))
        try c.encode(end.description, forKey: ScheduleKey("end"))
        try c.encode(excludesHolidays, forKey: ScheduleKey("exclude_holidays"))
        try c.encode(DutchHoliday.allCases.filter(holidays.contains), forKey: ScheduleKey("holidays"))
        try c.encode(timeZoneIdentifier, forKey: ScheduleKey("time_zone"))
    }
}
