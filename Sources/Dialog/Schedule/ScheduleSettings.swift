import Yams

/// A deployment's scheduling settings: `schedule.yaml` beside the flows.
public struct ScheduleSettings: Sendable, Equatable, Decodable {
    public var window = SendWindow()
    public var reminders = ReminderPlan()
    public var followUpHours = 1
    public var followUpNextDayAt = LocalTime(hour: 10, minute: 0)
    /// A follow-up question still unanswered this long after it was asked is asked once more; as
    /// long again after that, the professional gets a signal. 24: the next day at the same hour.
    public var askAgainAfterHours = 24
    public var rerateAfterWeeks = 6
    public var weeklyWeekday = Weekday.monday
    public var weeklyAt = LocalTime(hour: 10, minute: 0)

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: ScheduleKey.self)
        try c.rejectUnknownKeys(allowed: ["window", "reminders", "follow_up", "rerate_after_weeks", "weekly"])
        window = try c.decodeIfPresent(SendWindow.self, forKey: ScheduleKey("window")) ?? window
        reminders = try c.decodeIfPresent(ReminderPlan.self, forKey: ScheduleKey("reminders")) ?? reminders
        rerateAfterWeeks = try c.decodeIfPresent(Int.self, forKey: ScheduleKey("rerate_after_weeks")) ?? rerateAfterWeeks
        if c.contains(ScheduleKey("follow_up")) {
            let f = try c.nestedContainer(keyedBy: ScheduleKey.self, forKey: ScheduleKey("follow_up"))
            try f.rejectUnknownKeys(allowed: ["hours_after_due_time", "next_day_at", "ask_again_after_hours"])
            followUpHours = try f.decodeIfPresent(Int.self, forKey: ScheduleKey("hours_after_due_time")) ?? followUpHours
            followUpNextDayAt = try f.decodeTime("next_day_at") ?? followUpNextDayAt
            askAgainAfterHours = try f.decodeIfPresent(Int.self, forKey: ScheduleKey("ask_again_after_hours")) ?? askAgainAfterHours
            guard askAgainAfterHours >= 1 else {
                throw DecodingError.dataCorruptedError(
                    forKey: ScheduleKey("ask_again_after_hours"), in: f,
                    debugDescription: "must be 1 hour or more")
            }
        }
        if c.contains(ScheduleKey("weekly")) {
            let w = try c.nestedContainer(keyedBy: ScheduleKey.self, forKey: ScheduleKey("weekly"))
            try w.rejectUnknownKeys(allowed: ["weekday", "at"])
            if let name = try w.decodeIfPresent(String.self, forKey: ScheduleKey("weekday")) {
                guard let day = Weekday(name: name) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: ScheduleKey("weekday"), in: w, debugDescription: "unknown weekday '\(name)'")
                }
                weeklyWeekday = day
            }
            weeklyAt = try w.decodeTime("at") ?? weeklyAt
        }
    }

    /// Reads `schedule.yaml`; a mistake names the file and, where YAML knows it, the line.
    public static func decode(_ text: String, file: String) throws(FlowError) -> ScheduleSettings {
        do {
            return try YAMLDecoder().decode(ScheduleSettings.self, from: text)
        } catch let error as DecodingError {
            throw FlowError(file: file, line: 1, message: Self.describe(error))
        } catch {
            throw FlowError(file: file, line: 1, message: "not valid YAML: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
