import Foundation

/// Reads an appointment moment such as "dinsdag om 10 uur", "15-12", "over 2 weken" or
/// "tomorrow at 3pm". Relative words are resolved against `now` as seen in `calendar`'s time zone.
public enum DutchDateParser {
    /// `lexicon` adds its fillers ("denk ik"), its fixed days ("kerstavond") and typo tolerance.
    public static func parse(_ s: String, now: Date, calendar: Calendar, lexicon: Lexicon? = nil) -> DateParse {
        guard !AnswerText.isTooLongToParse(s) else { return .invalid }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        guard let year = c.year, let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute
        else { return .invalid }
        let today = LocalDate(year: year, month: month, day: day)
        let nowTime = LocalTime(hour: hour, minute: minute)

        var scan = DateScan(AnswerText.fold(s), correctingTypos: lexicon != nil)
        scan.scanTimesAndPeriods()
        if let lexicon { scanDays(&scan, lexicon) }
        scanDates(&scan)
        guard !scan.conflict, scan.leftoverIsFiller(extra: lexicon?.fillers ?? []) else { return .invalid }
        return resolve(scan, today: today, now: nowTime)
    }

    /// "kerstavond", "tweede kerstdag": a fixed day of the year.
    private static func scanDays(_ scan: inout DateScan, _ lexicon: Lexicon) {
        let words = scan.tokens
        var i = 0
        while i < words.count {
            if scan.at(i) != nil, let hit = lexicon.days.match(words, at: i, typos: false) {
                scan.fill(\.dayMonth, .init(day: hit.payload.day, month: hit.payload.month), claiming: i..<(i + hit.length))
                i += hit.length
            } else {
                i += 1
            }
        }
    }

    private static func scanDates(_ scan: inout DateScan) {
        let months = DateVocabulary.months
        for i in scan.tokens.indices {
            guard let t = scan.at(i) else { continue }
            if let m = t.wholeMatch(of: RegexCache.isoDate) {
                scan.fill(\.dayMonth, .init(day: Int(m.3)!, month: Int(m.2)!, year: Int(m.1)!), claiming: i..<(i + 1))
                continue
            }
            // ASCII digits only: `\d` alone also matches "٣" or "３", which `Int(_:)` does not read (found by the fuzz run).
            if let m = t.wholeMatch(of: RegexCache.dayMonthYear) {
                scan.fill(\.dayMonth, .init(day: Int(m.1)!, month: Int(m.2)!, year: Int(m.3)!), claiming: i..<(i + 1))
            } else if let m = t.wholeMatch(of: RegexCache.dayMonth) {
                scan.fill(\.dayMonth, .init(day: Int(m.1)!, month: Int(m.2)!), claiming: i..<(i + 1))
            } else if let day = scan.number(i, in: 0...99), t.count <= 2 {
                // "15 december (2026)" and "the 15th of december".
                let m = scan.at(i + 1) == "of" ? i + 2 : i + 1
                if let month = months[scan.at(m) ?? ""] {
                    let year = scan.number(m + 1, in: 1000...9999)
                    scan.fill(\.dayMonth, .init(day: day, month: month, year: year), claiming: i..<(m + (year == nil ? 1 : 2)))
                }
            } else if let month = months[t], let day = scan.number(i + 1, in: 0...99), scan.tokens[i + 1].count <= 2 {
                // "december 15 (2026)"
                let year = scan.number(i + 2, in: 1000...9999)
                scan.fill(\.dayMonth, .init(day: day, month: month, year: year), claiming: i..<(i + (year == nil ? 2 : 3)))
            }
        }
        for i in scan.tokens.indices {
            guard let t = scan.at(i) else { continue }
            if t == "over" || t == "in", let unit = DateVocabulary.units[scan.at(i + 2) ?? ""],
                let n = ["a", "an"].contains(scan.at(i + 1)) ? 1 : scan.number(i + 1, in: 0...999)
            {
                scan.fill(\.offset, (unit.days * n, unit.months * n), claiming: i..<(i + 3))
            } else if let days = [
                "gisteren": -1, "yesterday": -1, "eergisteren": -2, "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2
            ][t] {
                scan.fill(\.offset, (days, 0), claiming: i..<(i + 1))
            } else if t == "day", scan.at(i + 1) == "after", scan.at(i + 2) == "tomorrow" {
                scan.fill(\.offset, (2, 0), claiming: i..<(i + 3))
            }
        }
        scanWeekdays(&scan)
    }

    /// "dinsdag" is the coming Tuesday (today counts); "volgende week dinsdag", "dinsdag volgende
    /// week" and English "next tuesday" the Tuesday of the next ISO week; "volgende dinsdag" the
    /// first Tuesday after today.
    private static func scanWeekdays(_ scan: inout DateScan) {
        let next: Set<String> = ["volgende", "next"]
        for i in scan.tokens.indices {
            guard let t = scan.at(i) else { continue }
            let wd = DateVocabulary.weekdays
            if next.contains(t), scan.at(i + 1) == "week", let iso = wd[scan.at(i + 2) ?? ""] {
                scan.fill(\.weekday, (iso, .nextISOWeek), claiming: i..<(i + 3))
            } else if let iso = wd[t], next.contains(scan.at(i + 1) ?? ""), scan.at(i + 2) == "week" {
                scan.fill(\.weekday, (iso, .nextISOWeek), claiming: i..<(i + 3))
            } else if next.contains(t), let iso = wd[scan.at(i + 1) ?? ""] {
                scan.fill(\.weekday, (iso, t == "next" ? .nextISOWeek : .afterToday), claiming: i..<(i + 2))
            } else if let iso = wd[t] {
                scan.fill(\.weekday, (iso, .comingIncludingToday), claiming: i..<(i + 1))
            }
        }
    }

    private static func resolve(_ scan: DateScan, today: LocalDate, now: LocalTime) -> DateParse {
        var date: LocalDate?
        if let dm = scan.dayMonth {
            if let y = dm.year {
                let year = y < 100 ? 2000 + y : y
                guard LocalDate.isValid(year: year, month: dm.month, day: dm.day) else { return .invalid }
                date = LocalDate(year: year, month: dm.month, day: dm.day)
            } else {
                // Without a year, a day already gone this year means next year.
                date = [today.year, today.year + 1]
                    .filter { LocalDate.isValid(year: $0, month: dm.month, day: dm.day) }
                    .map { LocalDate(year: $0, month: dm.month, day: dm.day) }
                    .first { $0 >= today }
                if date == nil { return .invalid }
            }
        }
        if let offset = scan.offset {
            let shifted = today.adding(months: offset.months).adding(days: offset.days)
            if let date, date != shifted { return .invalid }
            date = shifted
        }
        if let (iso, mode) = scan.weekday {
            // With an explicit date the weekday is a check: "woensdag 15 december" on a Tuesday is a typo.
            if let date {
                guard date.isoWeekday == iso else { return .invalid }
            } else {
                let ahead = (iso - today.isoWeekday + 7) % 7
                switch mode {
                case .comingIncludingToday: date = today.adding(days: ahead)
                case .afterToday: date = today.adding(days: ahead == 0 ? 7 : ahead)
                case .nextISOWeek: date = today.adding(days: 8 - today.isoWeekday + iso - 1)
                }
            }
        }

        let time = scan.resolvedTime()
        if scan.clock != nil && time == nil { return .invalid }
        guard let day = date ?? time.map({ $0 < now ? today.adding(days: 1) : today }) else { return .invalid }
        if day < today { return .past }
        if day == today, let time, time < now { return .past }
        return .value(day, time)
    }
}
