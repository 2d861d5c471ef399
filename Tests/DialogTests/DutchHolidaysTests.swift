import Foundation
import Testing

@testable import Dialog

struct DutchHolidaysTests {
    /// Known Easter Sundays, including the earliest (22 March) and latest (25 April) possible.
    static let easters: [(Int, String)] = [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"),
        (1818, "1818-03-22"), (1943, "1943-04-25"), (1961, "1961-04-02"), (2000, "2000-04-23"),
        (2008, "2008-03-23"), (2011, "2011-04-24"), (2016, "2016-03-27"), (2019, "2019-04-21"),
        (2038, "2038-04-25"), (2285, "2285-03-22")
    ]

    @Test(arguments: easters)
    func easterSunday(year: Int, expected: String) {
        #expect(Easter.sunday(in: year) == day(expected))
        #expect(DutchHoliday.eerstePaasdag.date(in: year) == day(expected))
        #expect(Easter.sunday(in: year).weekday == .sunday)
    }

    /// Nieuwjaar, Goede Vrijdag, Pasen ×2, Koningsdag, Bevrijdingsdag, Hemelvaart, Pinksteren ×2, Kerst ×2.
    static let years: [(Int, [String])] = [
        (
            2024,
            [
                "2024-01-01", "2024-03-29", "2024-03-31", "2024-04-01", "2024-04-27", "2024-05-05",
                "2024-05-09", "2024-05-19", "2024-05-20", "2024-12-25", "2024-12-26"
            ]
        ),
        (
            2025,
            [
                "2025-01-01", "2025-04-18", "2025-04-20", "2025-04-21", "2025-04-26", "2025-05-05",
                "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26"
            ]
        ),
        (
            2026,
            [
                "2026-01-01", "2026-04-03", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-05",
                "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"
            ]
        ),
        (
            2027,
            [
                "2027-01-01", "2027-03-26", "2027-03-28", "2027-03-29", "2027-04-27", "2027-05-05",
                "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26"
            ]
        ),
        (
            2028,
            [
                "2028-01-01", "2028-04-14", "2028-04-16", "2028-04-17", "2028-04-27", "2028-05-05",
                "2028-05-25", "2028-06-04", "2028-06-05", "2028-12-25", "2028-12-26"
            ]
        ),
        (
            2029,
            [
                "2029-01-01", "2029-03-30", "2029-04-01", "2029-04-02", "2029-04-27", "2029-05-05",
                "2029-05-10", "2029-05-20", "2029-05-21", "2029-12-25", "2029-12-26"
            ]
        ),
        (
            2030,
            [
                "2030-01-01", "2030-04-19", "2030-04-21", "2030-04-22", "2030-04-27", "2030-05-05",
                "2030-05-30", "2030-06-09", "2030-06-10", "2030-12-25", "2030-12-26"
            ]
        )
    ]

    @Test(arguments: years)
    func holidaysOfYear(year: Int, expected: [String]) {
        #expect(DutchHolidays.holidays(in: year) == expected.map(day))
        for date in expected { #expect(DutchHolidays.isHoliday(day(date))) }
        #expect(DutchHolidays.named(in: year).map(\.date) == expected.map(day))
    }

    @Test(arguments: years)
    func weekdaysOfMovableHolidays(year: Int, expected: [String]) {
        let named = Dictionary(uniqueKeysWithValues: DutchHolidays.named(in: year).map { ($0.holiday, $0.date) })
        #expect(named[.goedeVrijdag]?.weekday == .friday)
        #expect(named[.tweedePaasdag]?.weekday == .monday)
        #expect(named[.hemelvaartsdag]?.weekday == .thursday)
        #expect(named[.eerstePinksterdag]?.weekday == .sunday)
        #expect(named[.tweedePinksterdag]?.weekday == .monday)
        #expect(named[.koningsdag]?.weekday != .sunday)
    }

    /// 26 April exactly when the 27th is a Sunday; a Saturday 27th stays.
    @Test(arguments: [
        (2014, "2014-04-26"), (2024, "2024-04-27"), (2025, "2025-04-26"), (2026, "2026-04-27"),
        (2030, "2030-04-27"), (2031, "2031-04-26"), (2036, "2036-04-26"), (2042, "2042-04-26")
    ])
    func koningsdag(year: Int, expected: String) {
        #expect(DutchHoliday.koningsdag.date(in: year) == day(expected))
    }

    @Test(arguments: [
        ("2026-01-01", true), ("2026-01-02", false), ("2026-04-02", false), ("2026-04-04", false),
        ("2026-04-07", false), ("2026-04-26", false), ("2026-04-28", false), ("2025-04-27", false),
        ("2026-05-04", false), ("2026-05-15", false), ("2026-05-26", false), ("2026-12-24", false),
        ("2026-12-27", false), ("2026-12-31", false), ("2027-01-01", true), ("2027-03-29", true)
    ])
    func isHoliday(date: String, expected: Bool) {
        #expect(DutchHolidays.isHoliday(day(date)) == expected)
    }

    @Test func bevrijdingsdagCanBeLeftOut() {
        var workdays = Set(DutchHoliday.allCases)
        workdays.remove(.bevrijdingsdag)
        #expect(!DutchHolidays.isHoliday(day("2026-05-05"), among: workdays))
        #expect(DutchHolidays.isHoliday(day("2026-05-05")))
        #expect(DutchHolidays.holidays(in: 2026, among: workdays).count == 10)
        #expect(!DutchHolidays.holidays(in: 2026, among: workdays).contains(day("2026-05-05")))
    }

    /// In 2016 Hemelvaartsdag fell on 5 May: one date, two names.
    @Test func coincidingHolidaysAreListedOnce() {
        #expect(DutchHolidays.holidays(in: 2016).count == 10)
        #expect(DutchHolidays.holidays(on: day("2016-05-05")) == [.bevrijdingsdag, .hemelvaartsdag])
        #expect(DutchHolidays.holidays(on: day("2026-05-05")) == [.bevrijdingsdag])
        #expect(DutchHolidays.holidays(on: day("2026-05-06")).isEmpty)
    }

    @Test(arguments: [
        ("goede_vrijdag", DutchHoliday.goedeVrijdag), ("Goede Vrijdag", .goedeVrijdag), ("koningsdag", .koningsdag),
        ("Tweede-Pinksterdag", .tweedePinksterdag), ("EERSTE_KERSTDAG", .eersteKerstdag), ("nieuwjaarsdag", .nieuwjaarsdag)
    ])
    func holidayNames(name: String, expected: DutchHoliday) throws {
        #expect(DutchHoliday(name: name) == expected)
        let decoded = try JSONDecoder().decode([DutchHoliday].self, from: Data("[\"\(name)\"]".utf8))
        #expect(decoded == [expected])
    }

    @Test func unknownHolidayNameIsRefused() {
        #expect(DutchHoliday(name: "sinterklaas") == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([DutchHoliday].self, from: Data(#"["sinterklaas"]"#.utf8)) }
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday), ("2026-03-29", .sunday), ("2026-03-30", .monday), ("2026-10-24", .saturday),
        ("2026-12-25", .friday), ("2027-01-01", .friday), ("2000-02-29", .tuesday), ("1969-12-31", .wednesday)
    ])
    func weekday(date: String, expected: Weekday) {
        #expect(day(date).weekday == expected)
    }

    @Test(arguments: [
        ("mon", Weekday.monday), ("Maandag", .monday), ("di", .tuesday), ("wednesday", .wednesday), ("do", .thursday),
        ("VR", .friday), ("zaterdag", .saturday), ("sun", .sunday), ("zo", .sunday)
    ])
    func weekdayNames(name: String, expected: Weekday) {
        #expect(Weekday(name: name) == expected)
    }
}
