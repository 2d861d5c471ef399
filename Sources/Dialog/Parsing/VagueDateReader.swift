/// A moment said vaguely ("volgende week", "half januari", "na de kerst", "zo snel mogelijk")
/// made into a concrete day to propose: a weekday (Monday to Friday, no public holiday) that
/// fits what was said. The inwoner confirms or names another day.
public enum VagueDateReader {
    public static func read(_ s: String, today: LocalDate, lexicon: Lexicon) -> LocalDate? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        let words = Words(s).words
        var rule: VagueDate?
        var month: Int?
        var used = Array(repeating: false, count: words.count)
        var i = 0
        while i < words.count {
            if rule == nil, let hit = lexicon.dates.match(words, at: i, typos: false) {
                rule = hit.payload
                for k in i..<(i + hit.length) { used[k] = true }
                i += hit.length
                if hit.payload.takesMonth {
                    guard i < words.count, let m = DateVocabulary.months[words[i]] else { return nil }
                    month = m
                    used[i] = true
                    i += 1
                }
                continue
            }
            i += 1
        }
        guard let rule else { return nil }
        let rest = words.indices.filter { !used[$0] }.map { words[$0] }
        guard rest.allSatisfy({ lexicon.fillers.contains($0) || DateVocabulary.fillers.contains($0) }) else { return nil }
        return proposal(rule, month: month, today: today)
    }

    static func proposal(_ rule: VagueDate, month: Int?, today: LocalDate) -> LocalDate {
        let date: LocalDate
        switch rule {
        case .nextWeek: date = today.adding(days: 8 - today.isoWeekday)
        case .fewDays: date = today.adding(days: 3)
        case .twoWeeks: date = today.adding(days: 14)
        case .soon: date = today.adding(days: 1)
        case .monthEnd: date = lastWeekday(year: today.year, month: today.month)
        case .nextMonth:
            let next = today.adding(months: 1)
            date = LocalDate(year: next.year, month: next.month, day: 1)
        case .afterChristmas: date = upcoming(month: 12, day: 27, today: today)
        case .afterNewYear: date = upcoming(month: 1, day: 2, today: today)
        case .midMonth: date = upcoming(month: month ?? today.month, day: 15, today: today)
        case .monthStart: date = upcoming(month: month ?? today.month, day: 1, today: today)
        case .monthEndOf:
            let start = upcoming(month: month ?? today.month, day: 1, today: today)
            return max(lastWeekday(year: start.year, month: start.month), nextWeekday(onOrAfter: today.adding(days: 1)))
        }
        // Never a day already gone, nor today: a proposal is for a day still to come.
        return nextWeekday(onOrAfter: max(date, today.adding(days: 1)))
    }

    /// `month`/`day` this year, or next year when that day is before today's month.
    private static func upcoming(month: Int, day: Int, today: LocalDate) -> LocalDate {
        let thisYear = LocalDate(year: today.year, month: month, day: day)
        if month < today.month { return LocalDate(year: today.year + 1, month: month, day: day) }
        return thisYear
    }

    static func isWeekday(_ d: LocalDate) -> Bool {
        d.isoWeekday <= 5 && !DutchHolidays.isHoliday(d)
    }

    static func nextWeekday(onOrAfter d: LocalDate) -> LocalDate {
        var day = d
        while !isWeekday(day) { day = day.adding(days: 1) }
        return day
    }

    static func lastWeekday(year: Int, month: Int) -> LocalDate {
        var day = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
        while !isWeekday(day) { day = day.adding(days: -1) }
        return day
    }
}
