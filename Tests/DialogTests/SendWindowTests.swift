import Foundation
import Testing

@testable import Dialog

/// One row: at `at`, is `window` open, and when does it next open (`at` itself when open)?
struct WindowCase: Sendable, CustomTestStringConvertible {
    let label: String
    let window: SendWindow
    let at: String
    let next: String?

    var testDescription: String { "\(label) (\(at))" }

    static func open(_ label: String, _ at: String, _ window: SendWindow = .standard) -> WindowCase {
        WindowCase(label: label, window: window, at: at, next: nil)
    }

    static func shut(_ label: String, _ at: String, opens next: String, _ window: SendWindow = .standard) -> WindowCase {
        WindowCase(label: label, window: window, at: at, next: next)
    }
}

/// `{"start": "10:00", "end": "18:00", "days": ["mon","tue","wed","thu","fri"]}`.
private let weekdaysOffice = SendWindow(days: Weekday.mondayToFriday, start: time("10:00"), end: time("18:00"))
private let holidaysIgnored = SendWindow(excludesHolidays: false)
private let workingBevrijdingsdag = SendWindow(holidays: Set(DutchHoliday.allCases).subtracting([.bevrijdingsdag]))
private let everyDay = SendWindow(days: Set(Weekday.allCases))
private let roundTheClock = SendWindow(
    days: Set(Weekday.allCases), start: time("00:00"), end: LocalTime(hour: 24, minute: 0), excludesHolidays: false)
private let gapStart = SendWindow(days: Set(Weekday.allCases), start: time("02:30"), end: time("04:00"), excludesHolidays: false)
private let overlapOnly = SendWindow(days: Set(Weekday.allCases), start: time("02:30"), end: time("02:45"), excludesHolidays: false)
private let london = SendWindow(timeZoneIdentifier: "Europe/London")

struct SendWindowTests {
    static let cases: [WindowCase] = [
        // Winter time (CET, UTC+1): Tuesday 13 January 2026.
        .shut("winter 08:59", "2026-01-13T08:59:00+01:00", opens: "2026-01-13T09:00:00+01:00"),
        .shut("winter 08:59:59", "2026-01-13T08:59:59+01:00", opens: "2026-01-13T09:00:00+01:00"),
        .open("winter 09:00", "2026-01-13T09:00:00+01:00"),
        .open("winter 19:59", "2026-01-13T19:59:00+01:00"),
        .open("winter 19:59:59", "2026-01-13T19:59:59+01:00"),
        .shut("winter 20:00, end exclusive", "2026-01-13T20:00:00+01:00", opens: "2026-01-14T09:00:00+01:00"),
        .shut("winter 09:00 is 08:00 UTC", "2026-01-13T07:59:59Z", opens: "2026-01-13T08:00:00Z"),
        .open("winter 08:00 UTC", "2026-01-13T08:00:00Z"),
        .shut("winter night", "2026-01-13T03:00:00+01:00", opens: "2026-01-13T09:00:00+01:00"),
        .shut("winter midnight", "2026-01-14T00:00:00+01:00", opens: "2026-01-14T09:00:00+01:00"),
        // Summer time (CEST, UTC+2): Wednesday 15 July 2026.
        .shut("summer 08:59", "2026-07-15T08:59:00+02:00", opens: "2026-07-15T09:00:00+02:00"),
        .open("summer 09:00", "2026-07-15T09:00:00+02:00"),
        .open("summer 19:59", "2026-07-15T19:59:00+02:00"),
        .shut("summer 20:00", "2026-07-15T20:00:00+02:00", opens: "2026-07-16T09:00:00+02:00"),
        .shut("summer 09:00 is 07:00 UTC", "2026-07-15T06:59:59Z", opens: "2026-07-15T07:00:00Z"),
        .open("summer 07:00 UTC", "2026-07-15T07:00:00Z"),
        .open("summer 17:59:59 UTC", "2026-07-15T17:59:59Z"),
        .shut("summer 20:00 is 18:00 UTC", "2026-07-15T18:00:00Z", opens: "2026-07-16T07:00:00Z"),
        // Saturdays open, Sundays never.
        .open("Saturday morning", "2026-01-17T10:00:00+01:00"),
        .open("Saturday 19:59", "2026-01-17T19:59:00+01:00"),
        .shut("Saturday evening", "2026-01-17T20:00:00+01:00", opens: "2026-01-19T09:00:00+01:00"),
        .shut("Sunday midnight", "2026-01-18T00:00:00+01:00", opens: "2026-01-19T09:00:00+01:00"),
        .shut("Sunday noon", "2026-01-18T12:00:00+01:00", opens: "2026-01-19T09:00:00+01:00"),
        .shut("Sunday last second", "2026-01-18T23:59:59+01:00", opens: "2026-01-19T09:00:00+01:00"),
        .shut("summer Sunday", "2026-07-19T10:00:00+02:00", opens: "2026-07-20T09:00:00+02:00"),
        .shut("summer Saturday night", "2026-07-18T21:00:00+02:00", opens: "2026-07-20T09:00:00+02:00"),
        // Clocks go forward on Sunday 29 March 2026, 02:00 CET → 03:00 CEST.
        .open("Friday before, winter", "2026-03-27T19:59:00+01:00"),
        .shut("Saturday before DST start", "2026-03-28T20:00:00+01:00", opens: "2026-03-30T09:00:00+02:00"),
        .shut("DST start, just before the gap", "2026-03-29T01:59:59+01:00", opens: "2026-03-30T09:00:00+02:00"),
        .shut("DST start, just after the gap", "2026-03-29T03:00:00+02:00", opens: "2026-03-30T09:00:00+02:00"),
        .shut("DST start, noon", "2026-03-29T12:00:00+02:00", opens: "2026-03-30T09:00:00+02:00"),
        .shut("Monday after DST start, 08:59:59", "2026-03-30T08:59:59+02:00", opens: "2026-03-30T09:00:00+02:00"),
        .open("Monday after DST start, 07:00 UTC", "2026-03-30T07:00:00Z"),
        .shut("Monday after DST start, 08:00 CEST", "2026-03-30T06:00:00Z", opens: "2026-03-30T07:00:00Z"),
        // Clocks go back on Sunday 25 October 2026, 03:00 CEST → 02:00 CET.
        .open("Saturday before DST end, 19:59:59", "2026-10-24T19:59:59+02:00"),
        .shut("Saturday before DST end, 20:00", "2026-10-24T20:00:00+02:00", opens: "2026-10-26T09:00:00+01:00"),
        .shut("DST end, first 02:30", "2026-10-25T02:30:00+02:00", opens: "2026-10-26T09:00:00+01:00"),
        .shut("DST end, second 02:30", "2026-10-25T02:30:00+01:00", opens: "2026-10-26T09:00:00+01:00"),
        .shut("Monday after DST end, 08:59:59 CET", "2026-10-26T07:59:59Z", opens: "2026-10-26T08:00:00Z"),
        .open("Monday after DST end, 08:00 UTC", "2026-10-26T08:00:00Z"),
        .shut("Monday after DST end, 07:00 UTC is 08:00 CET", "2026-10-26T07:00:00Z", opens: "2026-10-26T08:00:00Z"),
        // Koningsdag: Monday 27 April 2026; Saturday 26 April 2025 (the 27th was a Sunday).
        .shut("Koningsdag 2026", "2026-04-27T10:00:00+02:00", opens: "2026-04-28T09:00:00+02:00"),
        .open("Saturday before Koningsdag 2026", "2026-04-25T10:00:00+02:00"),
        .shut("Saturday evening before Koningsdag 2026", "2026-04-25T20:00:00+02:00", opens: "2026-04-28T09:00:00+02:00"),
        .shut("Koningsdag 2025 on Saturday 26th", "2025-04-26T10:00:00+02:00", opens: "2025-04-28T09:00:00+02:00"),
        .open("Friday before Koningsdag 2025", "2025-04-25T19:00:00+02:00"),
        .shut("Friday evening before Koningsdag 2025", "2025-04-25T20:00:00+02:00", opens: "2025-04-28T09:00:00+02:00"),
        // Easter 2026: Goede Vrijdag 3 April, Paasmaandag 6 April.
        .shut("Goede Vrijdag 2026", "2026-04-03T12:00:00+02:00", opens: "2026-04-04T09:00:00+02:00"),
        .open("Easter Saturday 2026", "2026-04-04T12:00:00+02:00"),
        .shut("Easter Saturday evening 2026", "2026-04-04T20:00:00+02:00", opens: "2026-04-07T09:00:00+02:00"),
        .shut("Easter Monday 2026", "2026-04-06T10:00:00+02:00", opens: "2026-04-07T09:00:00+02:00"),
        // Easter 2027: Easter Sunday 28 March is also the DST change.
        .shut("Goede Vrijdag 2027", "2027-03-26T12:00:00+01:00", opens: "2027-03-27T09:00:00+01:00"),
        .shut("Easter Saturday evening 2027, across DST", "2027-03-27T20:00:00+01:00", opens: "2027-03-30T09:00:00+02:00"),
        .shut("Easter Monday 2027", "2027-03-29T12:00:00+02:00", opens: "2027-03-30T09:00:00+02:00"),
        // Bevrijdingsdag, Hemelvaart, Pinksteren 2026.
        .shut("Bevrijdingsdag 2026", "2026-05-05T10:00:00+02:00", opens: "2026-05-06T09:00:00+02:00"),
        .shut("evening before Hemelvaart", "2026-05-13T20:00:00+02:00", opens: "2026-05-15T09:00:00+02:00"),
        .shut("Hemelvaart 2026", "2026-05-14T08:00:00+02:00", opens: "2026-05-15T09:00:00+02:00"),
        .shut("Saturday before Pinksteren", "2026-05-23T20:00:00+02:00", opens: "2026-05-26T09:00:00+02:00"),
        .shut("Pinkstermaandag 2026", "2026-05-25T12:00:00+02:00", opens: "2026-05-26T09:00:00+02:00"),
        // Christmas 2026 (Friday and Saturday) and New Year 2027 (Friday).
        .open("Christmas Eve 19:59", "2026-12-24T19:59:00+01:00"),
        .shut("Christmas Eve 20:00", "2026-12-24T20:00:00+01:00", opens: "2026-12-28T09:00:00+01:00"),
        .shut("Eerste Kerstdag", "2026-12-25T10:00:00+01:00", opens: "2026-12-28T09:00:00+01:00"),
        .shut("Tweede Kerstdag", "2026-12-26T10:00:00+01:00", opens: "2026-12-28T09:00:00+01:00"),
        .shut("Oudejaarsavond", "2026-12-31T20:00:00+01:00", opens: "2027-01-02T09:00:00+01:00"),
        .shut("Nieuwjaarsdag 2027", "2027-01-01T12:00:00+01:00", opens: "2027-01-02T09:00:00+01:00"),
        .open("Saturday 2 January 2027", "2027-01-02T09:00:00+01:00"),
        // Per-inwoner override: Monday to Friday, 10:00–18:00.
        .shut("override: Saturday", "2026-01-17T10:00:00+01:00", opens: "2026-01-19T10:00:00+01:00", weekdaysOffice),
        .shut("override: Monday 09:59", "2026-01-19T09:59:00+01:00", opens: "2026-01-19T10:00:00+01:00", weekdaysOffice),
        .open("override: Monday 10:00", "2026-01-19T10:00:00+01:00", weekdaysOffice),
        .open("override: Monday 17:59", "2026-01-19T17:59:00+01:00", weekdaysOffice),
        .shut("override: Friday 18:00", "2026-01-23T18:00:00+01:00", opens: "2026-01-26T10:00:00+01:00", weekdaysOffice),
        .shut("override: summer Friday 18:00", "2026-07-17T18:00:00+02:00", opens: "2026-07-20T10:00:00+02:00", weekdaysOffice),
        .shut("override: Christmas Eve 18:00", "2026-12-24T18:00:00+01:00", opens: "2026-12-28T10:00:00+01:00", weekdaysOffice),
        // Which holidays count.
        .open("holidays not excluded: Koningsdag", "2026-04-27T10:00:00+02:00", holidaysIgnored),
        .shut("holidays not excluded: still no Sunday", "2026-01-18T12:00:00+01:00", opens: "2026-01-19T09:00:00+01:00", holidaysIgnored),
        .open("Bevrijdingsdag as a working day", "2026-05-05T10:00:00+02:00", workingBevrijdingsdag),
        .shut(
            "Bevrijdingsdag as a working day: Koningsdag still shut", "2026-04-27T10:00:00+02:00", opens: "2026-04-28T09:00:00+02:00",
            workingBevrijdingsdag),
        // Sundays allowed.
        .open("every day: a Sunday", "2026-01-18T12:00:00+01:00", everyDay),
        .shut("every day: Easter Sunday is a holiday", "2026-04-05T12:00:00+02:00", opens: "2026-04-07T09:00:00+02:00", everyDay),
        .shut("every day: DST start Sunday", "2026-03-29T08:00:00+02:00", opens: "2026-03-29T09:00:00+02:00", everyDay),
        .shut("every day: DST end Sunday", "2026-10-25T08:00:00+01:00", opens: "2026-10-25T09:00:00+01:00", everyDay),
        .open("round the clock: Sunday 23:59:59", "2026-01-18T23:59:59+01:00", roundTheClock),
        .open("round the clock: midnight", "2026-01-19T00:00:00+01:00", roundTheClock),
        // Odd windows around the DST changes.
        .shut("start 02:30 falls in the gap: opens 03:00 CEST", "2026-03-29T00:00:00+01:00", opens: "2026-03-29T03:00:00+02:00", gapStart),
        .open("start 02:30 in the gap: 03:00 CEST is open", "2026-03-29T03:00:00+02:00", gapStart),
        .shut("02:30–02:45 before the first pass", "2026-10-25T02:10:00+02:00", opens: "2026-10-25T02:30:00+02:00", overlapOnly),
        .open("02:30–02:45 during the first pass", "2026-10-25T02:40:00+02:00", overlapOnly),
        .shut("02:30–02:45 between the passes", "2026-10-25T02:50:00+02:00", opens: "2026-10-25T02:30:00+01:00", overlapOnly),
        .shut("02:30–02:45 before the second pass", "2026-10-25T02:10:00+01:00", opens: "2026-10-25T02:30:00+01:00", overlapOnly),
        .shut("02:30–02:45 after the second pass", "2026-10-25T02:45:00+01:00", opens: "2026-10-26T02:30:00+01:00", overlapOnly),
        // The window's own zone wins over the calendar's.
        .open("London window: 09:00 BST", "2026-07-15T08:00:00Z", london),
        .shut("London window: 08:30 BST", "2026-07-15T07:30:00Z", opens: "2026-07-15T08:00:00Z", london),
        .shut("London window: 20:00 BST", "2026-07-15T19:00:00Z", opens: "2026-07-16T08:00:00Z", london)
    ]

    @Test(arguments: cases)
    func window(_ row: WindowCase) {
        let at = instant(row.at)
        #expect(row.window.isOpen(at: at, calendar: amsterdam) == (row.next == nil))
        let expected = row.next.map(instant) ?? at
        let next = row.window.nextOpening(atOrAfter: at, calendar: amsterdam)
        #expect(next == expected, "got \(next)")
        #expect(row.window.isOpen(at: next, calendar: amsterdam))
    }

    /// Local wall-clock moments, including the nonexistent and the ambiguous.
    @Test(arguments: [
        ("2026-01-13", "09:00", "2026-01-13T08:00:00Z"),
        ("2026-07-15", "09:00", "2026-07-15T07:00:00Z"),
        ("2026-03-28", "18:00", "2026-03-28T17:00:00Z"),
        ("2026-03-30", "18:00", "2026-03-30T16:00:00Z"),
        ("2026-03-29", "01:59", "2026-03-29T01:59:00+01:00"),
        ("2026-03-29", "02:00", "2026-03-29T03:00:00+02:00"),
        ("2026-03-29", "02:30", "2026-03-29T03:00:00+02:00"),
        ("2026-03-29", "02:59", "2026-03-29T03:00:00+02:00"),
        ("2026-03-29", "03:00", "2026-03-29T03:00:00+02:00"),
        ("2026-03-29", "03:01", "2026-03-29T03:01:00+02:00"),
        ("2026-10-25", "01:59", "2026-10-25T01:59:00+02:00"),
        ("2026-10-25", "02:00", "2026-10-25T02:00:00+02:00"),
        ("2026-10-25", "02:30", "2026-10-25T02:30:00+02:00"),
        ("2026-10-25", "02:59", "2026-10-25T02:59:00+02:00"),
        ("2026-10-25", "03:00", "2026-10-25T03:00:00+01:00"),
        ("2027-03-28", "02:15", "2027-03-28T03:00:00+02:00"),
        ("2027-10-31", "02:15", "2027-10-31T02:15:00+02:00"),
        ("2026-12-31", "23:59", "2026-12-31T22:59:00Z"),
        ("2028-02-29", "00:00", "2028-02-28T23:00:00Z")
    ])
    func moment(date: String, at: String, expected: String) {
        #expect(SendWindow.standard.moment(on: day(date), at: time(at), calendar: amsterdam) == instant(expected))
    }

    @Test func momentInTheWindowsOwnZone() {
        #expect(london.moment(on: day("2026-07-15"), at: time("09:00"), calendar: amsterdam) == instant("2026-07-15T08:00:00Z"))
        #expect(london.moment(on: day("2026-03-29"), at: time("01:30"), calendar: amsterdam) == instant("2026-03-29T02:00:00+01:00"))
        // An unknown zone falls back to the calendar's.
        let nowhere = SendWindow(timeZoneIdentifier: "Mars/Olympus_Mons")
        #expect(nowhere.moment(on: day("2026-07-15"), at: time("09:00"), calendar: amsterdam) == instant("2026-07-15T07:00:00Z"))
    }

    @Test func momentOfImpossibleDateOrTime() {
        #expect(SendWindow.standard.moment(on: day("2026-02-29"), at: time("09:00"), calendar: amsterdam) == nil)
        #expect(SendWindow.standard.moment(on: day("2026-04-31"), at: time("09:00"), calendar: amsterdam) == nil)
        #expect(SendWindow.standard.moment(on: day("2026-04-30"), at: LocalTime(hour: 24, minute: 0), calendar: amsterdam) == nil)
        #expect(SendWindow.standard.moment(on: day("2026-04-30"), at: LocalTime(hour: 9, minute: 60), calendar: amsterdam) == nil)
    }

    @Test func aWindowThatNeverOpens() {
        let noDays = SendWindow(days: [])
        let backwards = SendWindow(start: time("20:00"), end: time("09:00"))
        for window in [noDays, backwards] {
            #expect(!window.isOpen(at: instant("2026-01-13T12:00:00+01:00"), calendar: amsterdam))
            #expect(window.nextOpening(atOrAfter: instant("2026-01-13T12:00:00+01:00"), calendar: amsterdam) == .distantFuture)
        }
    }

    /// Every half hour of 2026 and 2027: the next opening is open, not before the instant, at
    /// 09:00 wall-clock time unless the instant itself was open, and nothing opens earlier.
    @Test func halfHourlySweep() {
        let window = SendWindow.standard
        var t = instant("2026-01-01T00:00:00+01:00")
        let stop = instant("2028-01-01T00:00:00+01:00")
        var openings = Set<Date>()
        while t < stop {
            let next = window.nextOpening(atOrAfter: t, calendar: amsterdam)
            #expect(next >= t && window.isOpen(at: next, calendar: amsterdam))
            if next != t {
                #expect(amsterdam.dateComponents([.hour, .minute, .second], from: next) == DateComponents(hour: 9, minute: 0, second: 0))
                #expect(!window.isOpen(at: next.addingTimeInterval(-1), calendar: amsterdam))
                #expect(!window.isOpen(at: t.addingTimeInterval(next.timeIntervalSince(t) / 2), calendar: amsterdam))
                openings.insert(next)
            }
            t = t.addingTimeInterval(1800)
        }
        // Each open day of 2026 and 2027 opens once: Mon–Sat minus the weekday holidays.
        // (The last evenings of 2027 point at Monday 3 January 2028, past the sweep.)
        #expect(openings.filter { $0 >= stop } == [instant("2028-01-03T09:00:00+01:00")])
        var openDays = 0
        var date = day("2026-01-01")
        while date < day("2028-01-01") {
            if window.isOpenDay(date) { openDays += 1 }
            date = date.adding(days: 1)
        }
        #expect(openings.filter { $0 < stop }.count == openDays)
        #expect(openDays == (313 - 9) + (313 - 8))
    }

    // MARK: Decoding

    @Test func decodesAPerInwonerOverride() throws {
        let json = #"{"start": "10:00", "end": "18:00", "days": ["mon","tue","wed","thu","fri"]}"#
        let window = try JSONDecoder().decode(SendWindow.self, from: Data(json.utf8))
        #expect(window == weekdaysOffice)
    }

    @Test func emptyObjectIsTheDefault() throws {
        #expect(try JSONDecoder().decode(SendWindow.self, from: Data("{}".utf8)) == SendWindow())
        #expect(
            SendWindow()
                == SendWindow(
                    days: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday],
                    start: time("09:00"), end: time("20:00"), excludesHolidays: true,
                    holidays: Set(DutchHoliday.allCases), timeZoneIdentifier: "Europe/Amsterdam"))
    }

    @Test func decodesEveryField() throws {
        let json = #"""
            {"days": ["ma", "Dinsdag", "zaterdag"], "start": "8:30", "end": "24:00", "exclude_holidays": false,
             "holidays": ["Koningsdag", "eerste_kerstdag"], "time_zone": "Europe/Brussels"}
            """#
        let window = try JSONDecoder().decode(SendWindow.self, from: Data(json.utf8))
        #expect(
            window
                == SendWindow(
                    days: [.monday, .tuesday, .saturday], start: time("08:30"), end: LocalTime(hour: 24, minute: 0),
                    excludesHolidays: false, holidays: [.koningsdag, .eersteKerstdag], timeZoneIdentifier: "Europe/Brussels"))
    }

    @Test func roundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for window in [SendWindow(), weekdaysOffice, workingBevrijdingsdag, roundTheClock, london] {
            let data = try encoder.encode(window)
            #expect(try JSONDecoder().decode(SendWindow.self, from: data) == window)
        }
        let text = String(decoding: try encoder.encode(weekdaysOffice), as: UTF8.self)
        #expect(text.contains(#""days":["mon","tue","wed","thu","fri"]"#))
        #expect(text.contains(#""start":"10:00""#) && text.contains(#""end":"18:00""#))
    }

    @Test(arguments: [
        #"{"strat": "10:00"}"#,
        #"{"start": "25:00"}"#,
        #"{"start": "9"}"#,
        #"{"start": "09:60"}"#,
        #"{"start": "+9:00"}"#,
        #"{"start": "24:00"}"#,
        #"{"end": "24:30"}"#,
        #"{"start": "18:00", "end": "10:00"}"#,
        #"{"start": "10:00", "end": "10:00"}"#,
        #"{"days": []}"#,
        #"{"days": ["monday", "funday"]}"#,
        #"{"holidays": ["sinterklaas"]}"#,
        #"{"time_zone": "Europe/Atlantis"}"#,
        #"{"exclude_holidays": "yes"}"#
    ])
    func refusesBadConfiguration(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SendWindow.self, from: Data(json.utf8)) }
    }
}
