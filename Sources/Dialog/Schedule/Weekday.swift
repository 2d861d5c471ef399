import Foundation

/// A day of the week, ISO 8601 numbered (Monday = 1 … Sunday = 7).
///
/// Coded as a short English name (`"mon"`); decoding also accepts full English names and
/// Dutch names and abbreviations (`"maandag"`, `"ma"`), in any case.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static let mondayToSaturday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
    public static let mondayToFriday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// `"mon"`, `"tue"`, …: the coded form.
    public var code: String { Self.codes[rawValue - 1] }

    public var description: String { code }

    /// Parses any accepted spelling; nil for anything else.
    public init?(name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let iso = Self.names[key] else { return nil }
        self.init(rawValue: iso)
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let day = Weekday(name: name) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown weekday '\(name)' (use mon, tue, wed, thu, fri, sat, sun)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    private static let codes = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private static let names: [String: Int] = {
        let spellings = [
            ["mon", "monday", "ma", "maandag"],
            ["tue", "tuesday", "di", "dinsdag"],
            ["wed", "wednesday", "wo", "woensdag"],
            ["thu", "thursday", "do", "donderdag"],
            ["fri", "friday", "vr", "vrijdag"],
            ["sat", "saturday", "za", "zaterdag"],
            ["sun", "sunday", "zo", "zondag"]
        ]
        var result: [String: Int] = [:]
        for (i, names) in spellings.enumerated() { for name in names { result[name] = i + 1 } }
        return result
    }()
}

extension LocalDate {
    /// The day of the week, from the date alone (proleptic Gregorian).
    public var weekday: Weekday { Weekday(rawValue: isoWeekday)! }
}
