/// Coding helpers shared by the schedule configuration types: `"HH:MM"` times and
/// refusing unknown keys, so that a typo in a config file is an error, not a silent default.
struct ScheduleKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == ScheduleKey {
    func rejectUnknownKeys(allowed: [String]) throws {
        for key in allKeys where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "unknown key '\(key.stringValue)' (allowed: \(allowed.joined(separator: ", ")))")
        }
    }

    /// A `"H:MM"` or `"HH:MM"` time; `"24:00"` only when `allowEndOfDay`.
    func decodeTime(_ key: String, allowEndOfDay: Bool = false) throws -> LocalTime? {
        guard let text = try decodeIfPresent(String.self, forKey: ScheduleKey(key)) else { return nil }
        guard let time = LocalTime(clock: text), time.hour < 24 || (allowEndOfDay && time.minute == 0) else {
            throw DecodingError.dataCorruptedError(
                forKey: ScheduleKey(key), in: self,
                debugDescription: "'\(text)' is not a time of day like \"09:00\"\(allowEndOfDay ? " (or \"24:00\")" : "")")
        }
        return time
    }
}

extension LocalTime {
    /// Parses `"H:MM"` / `"HH:MM"` with hours 0…24 and minutes 0…59.
    init?(clock text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }
}
