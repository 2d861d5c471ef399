import Foundation
import Testing

@testable import Dialog

private func plan(_ offsets: (Int, String)...) -> ReminderPlan {
    ReminderPlan(offsets: offsets.map { ReminderPlan.Offset(daysBefore: $0.0, at: time($0.1)) })
}

private let everyDay = SendWindow(days: Set(Weekday.allCases))
private let roundTheClock = SendWindow(
    days: Set(Weekday.allCases), start: time("00:00"), end: LocalTime(hour: 24, minute: 0), excludesHolidays: false)
private let shutAtFive = SendWindow(end: time("17:00"))
private let weekdaysOffice = SendWindow(days: Weekday.mondayToFriday, start: time("10:00"), end: time("18:00"))

struct ReminderCase: Sendable, CustomTestStringConvertible {
    let label: String
    var plan = ReminderPlan.standard
    var window = SendWindow.standard
    let now: String
    let due: String
    let dueTime: String?
    let expected: [String]

    var testDescription: String { label }
}

struct ReminderPlanTests {
    static let cases: [ReminderCase] = [
        ReminderCase(
            label: "due far ahead: both", now: "2026-01-05T10:00:00+01:00", due: "2026-01-14", dueTime: "14:00",
            expected: ["2026-01-13T18:00:00+01:00", "2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "due tomorrow 10:00, now 17:00: both", now: "2026-01-13T17:00:00+01:00", due: "2026-01-14", dueTime: "10:00",
            expected: ["2026-01-13T18:00:00+01:00", "2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "due tomorrow 08:30: the day-before one only", now: "2026-01-13T17:00:00+01:00", due: "2026-01-14", dueTime: "08:30",
            expected: ["2026-01-13T18:00:00+01:00"]),
        ReminderCase(
            label: "due tomorrow 09:00: a reminder at the due time is kept", now: "2026-01-13T17:00:00+01:00", due: "2026-01-14",
            dueTime: "09:00",
            expected: ["2026-01-13T18:00:00+01:00", "2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "due today 15:00, now 10:00: both past, no catch-up", now: "2026-01-13T10:00:00+01:00", due: "2026-01-13",
            dueTime: "15:00",
            expected: []),
        ReminderCase(
            label: "due today 15:00, now 08:00: the 09:00 one", now: "2026-01-13T08:00:00+01:00", due: "2026-01-13", dueTime: "15:00",
            expected: ["2026-01-13T09:00:00+01:00"]),
        ReminderCase(
            label: "now exactly at the day-before moment: not after now", now: "2026-01-13T18:00:00+01:00", due: "2026-01-14",
            dueTime: "10:00",
            expected: ["2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "now a second before the day-before moment", now: "2026-01-13T17:59:59+01:00", due: "2026-01-14", dueTime: "10:00",
            expected: ["2026-01-13T18:00:00+01:00", "2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "due already past", now: "2026-01-14T11:00:00+01:00", due: "2026-01-14", dueTime: "10:00",
            expected: []),
        // Sunday 18:00 moves to Monday 09:00 and merges with the on-the-day reminder.
        ReminderCase(
            label: "due Monday 10:00", now: "2026-01-16T12:00:00+01:00", due: "2026-01-19", dueTime: "10:00",
            expected: ["2026-01-19T09:00:00+01:00"]),
        ReminderCase(
            label: "due Monday 09:30", now: "2026-01-16T12:00:00+01:00", due: "2026-01-19", dueTime: "09:30",
            expected: ["2026-01-19T09:00:00+01:00"]),
        ReminderCase(
            label: "due Monday 09:00: moved onto the due time, kept", now: "2026-01-16T12:00:00+01:00", due: "2026-01-19", dueTime: "09:00",
            expected: ["2026-01-19T09:00:00+01:00"]),
        ReminderCase(
            label: "due Monday 08:30: nothing fits", now: "2026-01-16T12:00:00+01:00", due: "2026-01-19", dueTime: "08:30",
            expected: []),
        ReminderCase(
            label: "due Sunday 12:00: Saturday evening only", now: "2026-01-12T12:00:00+01:00", due: "2026-01-18", dueTime: "12:00",
            expected: ["2026-01-17T18:00:00+01:00"]),
        // Holidays.
        ReminderCase(
            label: "due the day after Easter Monday 2026", now: "2026-04-01T12:00:00+02:00", due: "2026-04-07", dueTime: "10:00",
            expected: ["2026-04-07T09:00:00+02:00"]),
        ReminderCase(
            label: "due the day after Goede Vrijdag 2026", now: "2026-04-01T12:00:00+02:00", due: "2026-04-04", dueTime: "12:00",
            expected: ["2026-04-04T09:00:00+02:00"]),
        ReminderCase(
            label: "due the Tuesday after Pinksteren 2026", now: "2026-05-20T12:00:00+02:00", due: "2026-05-26", dueTime: "10:00",
            expected: ["2026-05-26T09:00:00+02:00"]),
        ReminderCase(
            label: "due Monday after Christmas 2026", now: "2026-12-20T12:00:00+01:00", due: "2026-12-28", dueTime: "10:00",
            expected: ["2026-12-28T09:00:00+01:00"]),
        ReminderCase(
            label: "due Tuesday after Christmas 2026", now: "2026-12-20T12:00:00+01:00", due: "2026-12-29", dueTime: "10:00",
            expected: ["2026-12-28T18:00:00+01:00", "2026-12-29T09:00:00+01:00"]),
        ReminderCase(
            label: "due on Koningsdag 2026, date only: all moved past it", now: "2026-04-20T12:00:00+02:00", due: "2026-04-27",
            dueTime: nil,
            expected: []),
        // Date only: due by the end of that day.
        ReminderCase(
            label: "date only, far ahead", now: "2026-01-05T10:00:00+01:00", due: "2026-01-14", dueTime: nil,
            expected: ["2026-01-13T18:00:00+01:00", "2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "date only, due today, now 08:00", now: "2026-01-14T08:00:00+01:00", due: "2026-01-14", dueTime: nil,
            expected: ["2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "date only, due Sunday: Monday 09:00 is too late", now: "2026-01-12T12:00:00+01:00", due: "2026-01-18", dueTime: nil,
            expected: ["2026-01-17T18:00:00+01:00"]),
        // Across daylight saving: local times stay 18:00 and 09:00, the UTC instants shift by the offset.
        ReminderCase(
            label: "DST start: Saturday 18:00 CET, Monday 09:00 CEST", plan: plan((2, "18:00"), (0, "09:00")),
            now: "2026-03-20T12:00:00+01:00", due: "2026-03-30", dueTime: "10:00",
            expected: ["2026-03-28T17:00:00Z", "2026-03-30T07:00:00Z"]),
        ReminderCase(
            label: "DST start, every day open: Sunday 18:00 CEST", window: everyDay,
            now: "2026-03-20T12:00:00+01:00", due: "2026-03-30", dueTime: "10:00",
            expected: ["2026-03-29T16:00:00Z", "2026-03-30T07:00:00Z"]),
        ReminderCase(
            label: "DST start, default plan: merged into Monday 09:00 CEST",
            now: "2026-03-20T12:00:00+01:00", due: "2026-03-30", dueTime: "10:00",
            expected: ["2026-03-30T09:00:00+02:00"]),
        ReminderCase(
            label: "DST end: Saturday 18:00 CEST, Tuesday 09:00 CET", plan: plan((3, "18:00"), (0, "09:00")),
            now: "2026-10-20T12:00:00+02:00", due: "2026-10-27", dueTime: "10:00",
            expected: ["2026-10-24T16:00:00Z", "2026-10-27T08:00:00Z"]),
        ReminderCase(
            label: "DST end, every day open: Sunday 18:00 CET", window: everyDay,
            now: "2026-10-20T12:00:00+02:00", due: "2026-10-26", dueTime: "10:00",
            expected: ["2026-10-25T17:00:00Z", "2026-10-26T08:00:00Z"]),
        ReminderCase(
            label: "DST end, default plan: merged into Monday 09:00 CET",
            now: "2026-10-20T12:00:00+02:00", due: "2026-10-26", dueTime: "10:00",
            expected: ["2026-10-26T09:00:00+01:00"]),
        ReminderCase(
            label: "reminder time in the spring-forward gap: 03:00 CEST", plan: plan((0, "02:30")), window: roundTheClock,
            now: "2026-03-28T12:00:00+01:00", due: "2026-03-29", dueTime: "12:00",
            expected: ["2026-03-29T03:00:00+02:00"]),
        ReminderCase(
            label: "ambiguous reminder time in October: the first 02:30", plan: plan((0, "02:30")), window: roundTheClock,
            now: "2026-10-24T12:00:00+02:00", due: "2026-10-25", dueTime: "12:00",
            expected: ["2026-10-25T02:30:00+02:00"]),
        // Other windows and plans.
        ReminderCase(
            label: "window shuts at 17:00: evening reminder moves to the morning", window: shutAtFive,
            now: "2026-01-05T10:00:00+01:00", due: "2026-01-14", dueTime: "10:00",
            expected: ["2026-01-14T09:00:00+01:00"]),
        ReminderCase(
            label: "override Mon–Fri 10–18: due Friday noon", window: weekdaysOffice,
            now: "2026-01-12T10:00:00+01:00", due: "2026-01-16", dueTime: "12:00",
            expected: ["2026-01-16T10:00:00+01:00"]),
        ReminderCase(
            label: "override Mon–Fri 10–18: due Saturday noon gets none", window: weekdaysOffice,
            now: "2026-01-12T10:00:00+01:00", due: "2026-01-17", dueTime: "12:00",
            expected: []),
        ReminderCase(
            label: "offsets in any order come out sorted", plan: plan((0, "09:00"), (7, "09:00"), (1, "18:00")),
            now: "2026-01-05T10:00:00+01:00", due: "2026-01-21", dueTime: "14:00",
            expected: ["2026-01-14T09:00:00+01:00", "2026-01-20T18:00:00+01:00", "2026-01-21T09:00:00+01:00"]),
        ReminderCase(
            label: "duplicate offsets become one", plan: plan((1, "18:00"), (1, "18:00")),
            now: "2026-01-05T10:00:00+01:00", due: "2026-01-14", dueTime: "14:00",
            expected: ["2026-01-13T18:00:00+01:00"]),
        ReminderCase(
            label: "a week before lands on a Sunday: moved to Monday", plan: plan((7, "12:00")),
            now: "2026-01-05T10:00:00+01:00", due: "2026-01-25", dueTime: "14:00",
            expected: ["2026-01-19T09:00:00+01:00"]),
        ReminderCase(
            label: "empty plan: none", plan: ReminderPlan(offsets: []),
            now: "2026-01-05T10:00:00+01:00", due: "2026-01-14", dueTime: "14:00", expected: [])
    ]

    @Test(arguments: cases)
    func reminders(_ row: ReminderCase) {
        let got = row.plan.reminders(
            for: day(row.due), at: row.dueTime.map(time), now: instant(row.now),
            window: row.window, calendar: amsterdam)
        #expect(got == row.expected.map(instant))
        for reminder in got { #expect(row.window.isOpen(at: reminder, calendar: amsterdam)) }
    }

    @Test func defaultPlanIsTheDayBeforeAt18AndOnTheDayAt9() {
        #expect(
            ReminderPlan().offsets == [
                ReminderPlan.Offset(daysBefore: 1, at: LocalTime(hour: 18, minute: 0)),
                ReminderPlan.Offset(daysBefore: 0, at: LocalTime(hour: 9, minute: 0))
            ])
        #expect(ReminderPlan.standard == ReminderPlan())
    }

    // MARK: Decoding

    @Test(arguments: [
        ("{}", ReminderPlan()),
        (#"{"offsets": []}"#, ReminderPlan(offsets: [])),
        (#"{"offsets": [{"days_before": 1, "at": "18:00"}, {"days_before": 0, "at": "09:00"}]}"#, ReminderPlan()),
        (#"[{"days_before": 2, "at": "8:15"}]"#, plan((2, "08:15"))),
        ("[]", ReminderPlan(offsets: []))
    ])
    func decodes(json: String, expected: ReminderPlan) throws {
        #expect(try JSONDecoder().decode(ReminderPlan.self, from: Data(json.utf8)) == expected)
    }

    @Test func roundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(ReminderPlan())
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"offsets":[{"at":"18:00","days_before":1},{"at":"09:00","days_before":0}]}"#)
        #expect(try JSONDecoder().decode(ReminderPlan.self, from: data) == ReminderPlan())
    }

    @Test(arguments: [
        #"{"offset": []}"#,
        #"{"offsets": [{"days_before": -1, "at": "18:00"}]}"#,
        #"{"offsets": [{"days_before": 1}]}"#,
        #"{"offsets": [{"at": "18:00"}]}"#,
        #"{"offsets": [{"days_before": 1, "at": "24:00"}]}"#,
        #"{"offsets": [{"days_before": 1, "at": "18.00"}]}"#,
        #"{"offsets": [{"days_before": 1, "at": "18:00", "channel": "sms"}]}"#,
        #"[{"days": 1, "at": "18:00"}]"#
    ])
    func refusesBadConfiguration(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReminderPlan.self, from: Data(json.utf8)) }
    }
}
