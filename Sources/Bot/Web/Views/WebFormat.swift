import Dialog
import Foundation

/// Dates and times as a Dutch professional reads them, in Europe/Amsterdam.
enum WebFormat {
    private static let zone = TimeZone(identifier: "Europe/Amsterdam")!

    static func dateTime(_ date: Date) -> String {
        format(date, "dd-MM-yyyy HH:mm")
    }

    static func day(_ date: Date) -> String {
        format(date, "dd-MM-yyyy")
    }

    static func day(_ date: LocalDate, _ time: LocalTime? = nil) -> String {
        let day = String(format: "%02d-%02d-%04d", date.day, date.month, date.year)
        return time.map { day + String(format: " %02d:%02d", $0.hour, $0.minute) } ?? day
    }

    static func today(_ now: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return LocalDate(calendar.dateComponents([.year, .month, .day], from: now))
    }

    /// A phone number with only its last three digits shown (lists, logs).
    static func masked(_ phone: String?) -> String {
        guard let phone else { return "-" }
        return LogPrivacy.mask(phone)
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
