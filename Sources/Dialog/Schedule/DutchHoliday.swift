/// A Dutch public holiday (nationale feestdag), by name.
///
/// Coded as its snake_case Dutch name (`"goede_vrijdag"`); decoding ignores case, spaces,
/// hyphens and underscores, so `"Goede Vrijdag"` is accepted too.
public enum DutchHoliday: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case nieuwjaarsdag
    case goedeVrijdag = "goede_vrijdag"
    case eerstePaasdag = "eerste_paasdag"
    case tweedePaasdag = "tweede_paasdag"
    case koningsdag
    /// A national holiday every year, but a paid day off only in some collective agreements.
    case bevrijdingsdag
    case hemelvaartsdag
    case eerstePinksterdag = "eerste_pinksterdag"
    case tweedePinksterdag = "tweede_pinksterdag"
    case eersteKerstdag = "eerste_kerstdag"
    case tweedeKerstdag = "tweede_kerstdag"

    public var description: String { rawValue }

    /// Its date in `year`. Koningsdag follows the rule in force since 2014: 27 April,
    /// or 26 April when the 27th is a Sunday.
    public func date(in year: Int) -> LocalDate {
        switch self {
        case .nieuwjaarsdag: return LocalDate(year: year, month: 1, day: 1)
        case .goedeVrijdag: return Easter.sunday(in: year).adding(days: -2)
        case .eerstePaasdag: return Easter.sunday(in: year)
        case .tweedePaasdag: return Easter.sunday(in: year).adding(days: 1)
        case .koningsdag:
            let day = LocalDate(year: year, month: 4, day: 27)
            return day.weekday == .sunday ? day.adding(days: -1) : day
        case .bevrijdingsdag: return LocalDate(year: year, month: 5, day: 5)
        case .hemelvaartsdag: return Easter.sunday(in: year).adding(days: 39)
        case .eerstePinksterdag: return Easter.sunday(in: year).adding(days: 49)
        case .tweedePinksterdag: return Easter.sunday(in: year).adding(days: 50)
        case .eersteKerstdag: return LocalDate(year: year, month: 12, day: 25)
        case .tweedeKerstdag: return LocalDate(year: year, month: 12, day: 26)
        }
    }

    /// Parses a name leniently; nil when it names no holiday.
    public init?(name: String) {
        func squash(_ s: String) -> String { s.lowercased().filter { $0.isLetter } }
        guard let match = Self.allCases.first(where: { squash($0.rawValue) == squash(name) }) else { return nil }
        self = match
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let holiday = DutchHoliday(name: name) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown holiday '\(name)' (allowed: \(Self.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = holiday
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
