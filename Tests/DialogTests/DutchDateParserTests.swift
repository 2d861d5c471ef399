import Dialog
import Foundation
import Testing

private func instant(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Date {
    amsterdam.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
}

/// `on("2026-12-15", "14:30")` reads better in a table than nested initialisers.
private func on(_ date: String, _ time: String? = nil) -> DateParse {
    let d = date.split(separator: "-").map { Int($0)! }
    let t = time?.split(separator: ":").map { Int($0)! }
    return .value(LocalDate(year: d[0], month: d[1], day: d[2]), t.map { LocalTime(hour: $0[0], minute: $0[1]) })
}

struct DutchDateParserTests {
    /// Monday 2026-11-23 11:00 in Amsterdam.
    static let mondayMorningCases: [(String, DateParse)] = [
        ("vandaag", on("2026-11-23")), ("morgen", on("2026-11-24")), ("overmorgen", on("2026-11-25")),
        ("dinsdag", on("2026-11-24")), ("di", on("2026-11-24")), ("Dinsdag.", on("2026-11-24")),
        ("maandag", on("2026-11-23")), ("zondag", on("2026-11-29")), ("vrijdag", on("2026-11-27")),
        ("dinsdag 15 december", on("2026-12-15")), ("di 15 dec", on("2026-12-15")),
        ("volgende week dinsdag", on("2026-12-01")), ("volgende week maandag", on("2026-11-30")),
        ("dinsdag volgende week", on("2026-12-01")), ("volgende dinsdag", on("2026-11-24")),
        ("volgende maandag", on("2026-11-30")), ("aanstaande vrijdag", on("2026-11-27")),
        ("over 2 weken", on("2026-12-07")), ("over 3 dagen", on("2026-11-26")), ("over een week", on("2026-11-30")),
        ("over twee weken", on("2026-12-07")), ("over een maand", on("2026-12-23")),
        ("15 december", on("2026-12-15")), ("15 dec", on("2026-12-15")), ("15 dec.", on("2026-12-15")),
        ("15e december", on("2026-12-15")), ("15-12", on("2026-12-15")), ("15/12", on("2026-12-15")),
        ("15-12-2026", on("2026-12-15")), ("15/12/2026", on("2026-12-15")), ("15-12-26", on("2026-12-15")),
        ("15.12.2026", on("2026-12-15")), ("15 december 2026", on("2026-12-15")), ("op 15 december", on("2026-12-15")),
        ("1 januari", on("2027-01-01")), ("20 november", on("2027-11-20")), ("23 november", on("2026-11-23")),
        ("29-02-2028", on("2028-02-29")),
        // Times
        ("om 10 uur", on("2026-11-24", "10:00")), ("10 uur", on("2026-11-24", "10:00")), ("10u", on("2026-11-24", "10:00")),
        ("om 12 uur", on("2026-11-23", "12:00")), ("10:30", on("2026-11-24", "10:30")), ("10.30", on("2026-11-24", "10:30")),
        ("om 9", on("2026-11-24", "09:00")), ("om negen uur", on("2026-11-24", "09:00")),
        ("half 3", on("2026-11-23", "14:30")), ("om half drie", on("2026-11-23", "14:30")),
        ("half 3 's nachts", on("2026-11-24", "02:30")), ("half 3 \u{2019}s nachts", on("2026-11-24", "02:30")),
        ("kwart over 3", on("2026-11-23", "15:15")), ("kwart voor 4", on("2026-11-23", "15:45")),
        ("5 voor half 3", on("2026-11-23", "14:25")), ("10 over 3", on("2026-11-23", "15:10")),
        ("om 3 uur", on("2026-11-23", "15:00")), ("om 6 uur", on("2026-11-23", "18:00")), ("om 7 uur", on("2026-11-24", "07:00")),
        ("om 3 uur 's nachts", on("2026-11-24", "03:00")), ("om 8 uur 's avonds", on("2026-11-23", "20:00")),
        ("'s ochtends om 10", on("2026-11-24", "10:00")), ("'s morgens om 8", on("2026-11-24", "08:00")),
        ("'s middags om 2", on("2026-11-23", "14:00")), ("om 07:00", on("2026-11-24", "07:00")), ("om 14:00", on("2026-11-23", "14:00")),
        ("11:00", on("2026-11-23", "11:00")),
        // Date and time
        ("morgen om 10 uur", on("2026-11-24", "10:00")), ("morgen 's ochtends om 9", on("2026-11-24", "09:00")),
        ("morgenochtend om 9", on("2026-11-24", "09:00")), ("morgenavond", on("2026-11-24")),
        ("vandaag om 15:00", on("2026-11-23", "15:00")), ("dinsdag om 10:30", on("2026-11-24", "10:30")),
        ("dinsdagavond om 8", on("2026-11-24", "20:00")), ("15 december om 14:00", on("2026-12-15", "14:00")),
        ("15-12-2026 10:30", on("2026-12-15", "10:30")), ("op dinsdag 15 december om half 3", on("2026-12-15", "14:30")),
        ("vanavond", on("2026-11-23")), ("vanavond om 8", on("2026-11-23", "20:00")),
        // English
        ("today", on("2026-11-23")), ("tomorrow", on("2026-11-24")), ("tuesday", on("2026-11-24")),
        ("next tuesday", on("2026-12-01")), ("in 2 weeks", on("2026-12-07")), ("in 3 days", on("2026-11-26")),
        ("in a week", on("2026-11-30")), ("december 15", on("2026-12-15")), ("December 15th", on("2026-12-15")),
        ("the 15th of december", on("2026-12-15")), ("at 10", on("2026-11-24", "10:00")), ("10am", on("2026-11-24", "10:00")),
        ("2:30pm", on("2026-11-23", "14:30")), ("2:30 pm", on("2026-11-23", "14:30")), ("half past 2", on("2026-11-23", "14:30")),
        ("quarter to 4", on("2026-11-23", "15:45")), ("tomorrow at 3pm", on("2026-11-24", "15:00")),
        ("on friday at 10am", on("2026-11-27", "10:00")), ("12pm", on("2026-11-23", "12:00")), ("tonight", on("2026-11-23")),
        ("tomorrow morning at 9", on("2026-11-24", "09:00")), ("the day after tomorrow", on("2026-11-25")),
        // Past
        ("vandaag om 10 uur", .past), ("maandag om 9", .past), ("20-11-2026", .past), ("22-11-26", .past),
        ("today at 8am", .past),
        // Invalid
        ("31-02", .invalid), ("32 december", .invalid), ("31-04", .invalid), ("29-02-2027", .invalid),
        ("woensdag 15 december", .invalid), ("", .invalid), ("geen idee", .invalid), ("hallo", .invalid),
        ("misschien", .invalid), ("niet morgen", .invalid), ("15", .invalid), ("volgende week", .invalid),
        ("om 25 uur", .invalid), ("dinsdag of woensdag", .invalid), ("morgen of overmorgen", .invalid),
        ("'s avonds", .invalid), ("13-13", .invalid), ("morgen om 10 of 11", .invalid),
        // Found by the fuzz run: digits that are not ASCII used to trap (and take the server down).
        ("١٥-١٢", .invalid), ("１５/１２", .invalid), ("١٥-١٢-٢٠٢٦", .invalid), ("15-١٢", .invalid)
    ]

    @Test(arguments: mondayMorningCases)
    func mondayMorning(input: String, expected: DateParse) {
        #expect(DutchDateParser.parse(input, now: instant(2026, 11, 23, 11, 0), calendar: amsterdam) == expected)
    }

    /// Monday 2026-11-23 23:30: most of the day is gone.
    static let lateEveningCases: [(String, DateParse)] = [
        ("vandaag", on("2026-11-23")), ("maandag", on("2026-11-23")), ("morgen", on("2026-11-24")),
        ("om 10 uur", on("2026-11-24", "10:00")), ("half 3 's nachts", on("2026-11-24", "02:30")),
        ("om 23:45", on("2026-11-23", "23:45")), ("vanavond om 10", .past), ("vandaag om 20 uur", .past),
        ("volgende week dinsdag", on("2026-12-01")), ("next monday", on("2026-11-30"))
    ]

    @Test(arguments: lateEveningCases)
    func lateEvening(input: String, expected: DateParse) {
        #expect(DutchDateParser.parse(input, now: instant(2026, 11, 23, 23, 30), calendar: amsterdam) == expected)
    }

    /// Tuesday 2026-11-24 00:30 in Amsterdam is still Monday in UTC: "today" must follow the calendar.
    static let justAfterMidnightCases: [(String, DateParse)] = [
        ("vandaag", on("2026-11-24")), ("morgen", on("2026-11-25")), ("dinsdag", on("2026-11-24")),
        ("om 10 uur", on("2026-11-24", "10:00")), ("maandag", on("2026-11-30"))
    ]

    @Test(arguments: justAfterMidnightCases)
    func justAfterMidnight(input: String, expected: DateParse) {
        #expect(DutchDateParser.parse(input, now: instant(2026, 11, 24, 0, 30), calendar: amsterdam) == expected)
    }

    /// Wednesday 2026-12-30 10:00: dates roll into 2027.
    static let yearEndCases: [(String, DateParse)] = [
        ("morgen", on("2026-12-31")), ("overmorgen", on("2027-01-01")), ("15 december", on("2027-12-15")),
        ("2 januari", on("2027-01-02")), ("30 december", on("2026-12-30")), ("29 december", on("2027-12-29")),
        ("31-12", on("2026-12-31")), ("1/1", on("2027-01-01")), ("vrijdag", on("2027-01-01")),
        ("volgende week dinsdag", on("2027-01-05")), ("over 2 weken", on("2027-01-13")),
        ("over een maand", on("2027-01-30")), ("15-12-2026", .past), ("1-1-2027", on("2027-01-01")),
        ("29-02", .invalid)
    ]

    @Test(arguments: yearEndCases)
    func yearEnd(input: String, expected: DateParse) {
        #expect(DutchDateParser.parse(input, now: instant(2026, 12, 30, 10, 0), calendar: amsterdam) == expected)
    }

    @Test func newYearsEveRollsTimeIntoNextYear() {
        let result = DutchDateParser.parse("om 10 uur", now: instant(2026, 12, 31, 22, 0), calendar: amsterdam)
        #expect(result == on("2027-01-01", "10:00"))
    }

    @Test func descriptionsAndCodable() throws {
        let date = LocalDate(year: 2026, month: 3, day: 5)
        #expect(date.description == "2026-03-05")
        #expect(LocalTime(hour: 9, minute: 5).description == "09:05")
        #expect(LocalDate(year: 2026, month: 12, day: 31) < LocalDate(year: 2027, month: 1, day: 1))
        #expect(LocalTime(hour: 9, minute: 59) < LocalTime(hour: 10, minute: 0))
        let data = try JSONEncoder().encode(date)
        #expect(try JSONDecoder().decode(LocalDate.self, from: data) == date)
    }
}
