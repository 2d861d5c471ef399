/// `{"offsets": [{"days_before": 1, "at": "18:00"}, {"days_before": 0, "at": "09:00"}]}`, or
/// just the list. A missing `offsets` means the default plan; an empty list means no reminders.
extension ReminderPlan: Codable {
    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var offsets: [Offset] = []
            while !list.isAtEnd { offsets.append(try list.decode(Offset.self)) }
            self.init(offsets: offsets)
            return
        }
        let c = try decoder.container(keyedBy: ScheduleKey.self)
        try c.rejectUnknownKeys(allowed: ["offsets"])
        self.init()
        offsets = try c.decodeIfPresent([Offset].self, forKey: ScheduleKey("offsets")) ?? offsets
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ScheduleKey.self)
        try c.encode(offsets, forKey: ScheduleKey("offsets"))
    }
}

/// `{"days_before": 1, "at": "18:00"}`; both keys required, days_before 0 or more.
extension ReminderPlan.Offset: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: ScheduleKey.self)
        try c.rejectUnknownKeys(allowed: ["days_before", "at"])
        let days = try c.decode(Int.self, forKey: ScheduleKey("days_before"))
        guard days >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: ScheduleKey("days_before"), in: c, debugDescription: "days_before must be 0 or more, not \(days)")
        }
        guard let at = try c.decodeTime("at") else {
            throw DecodingError.keyNotFound(
                ScheduleKey("at"),
                DecodingError.Context(codingPath: c.codingPath, debugDescription: "a reminder needs a time, like \"18:00\""))
        }
        self.init(daysBefore: days, at: at)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ScheduleKey.self)
        try c.encode(daysBefore, forKey: ScheduleKey("days_before"))
        try c.encode(at.description, forKey: ScheduleKey("at"))
    }
}
