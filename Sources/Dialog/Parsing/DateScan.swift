/// Token scanner behind `DutchDateParser`: each recognised phrase claims its tokens and fills one
/// slot; filling a slot twice ("dinsdag of woensdag") is a conflict and makes the answer invalid.
struct DateScan {
    typealias DayPeriod = DateVocabulary.DayPeriod

    /// A time as typed. `bare` hours (1–12, no am/pm, no leading zero) still need the daytime guess.
    struct Clock {
        var hour: Int
        var minute: Int
        var bare: Bool
    }
    struct DayMonth {
        var day: Int
        var month: Int
        var year: Int?
    }
    enum WeekdayMode { case comingIncludingToday, afterToday, nextISOWeek }

    let tokens: [String]
    private(set) var used: [Bool]
    var clock: Clock?
    var period: DayPeriod?
    var dayMonth: DayMonth?
    var offset: (days: Int, months: Int)?
    var weekday: (iso: Int, mode: WeekdayMode)?
    var conflict = false

    init(_ folded: String, correctingTypos: Bool = false) {
        tokens = DateVocabulary.tokens(folded, correctingTypos: correctingTypos)
        used = Array(repeating: false, count: tokens.count)
    }

    func leftoverIsFiller(extra: Set<String> = []) -> Bool {
        tokens.indices.allSatisfy { used[$0] || DateVocabulary.fillers.contains(tokens[$0]) || extra.contains(tokens[$0]) }
    }

    /// The token at `i` if it exists and is not claimed yet.
    func at(_ i: Int) -> String? {
        tokens.indices.contains(i) && !used[i] ? tokens[i] : nil
    }

    /// A plain number of 1–2 digits (days, hours, minutes) or 4 digits (years).
    func number(_ i: Int, in range: ClosedRange<Int>) -> Int? {
        guard let t = at(i), (1...4).contains(t.count), t.allSatisfy(AnswerText.isASCIIDigit),
            let n = Int(t), range.contains(n)
        else { return nil }
        return n
    }

    mutating func fill<T>(_ slot: WritableKeyPath<DateScan, T?>, _ value: T, claiming range: Range<Int>) {
        if self[keyPath: slot] != nil { conflict = true }
        self[keyPath: slot] = value
        for i in range { used[i] = true }
    }

    mutating func scanTimesAndPeriods() {
        var i = 0
        while i < tokens.count {
            if let (clock, length) = time(at: i) {
                fill(\.clock, clock, claiming: i..<(i + length))
                i += length
            } else {
                if let t = at(i), let period = DateVocabulary.periods[t] {
                    fill(\.period, period, claiming: i..<(i + 1))
                }
                i += 1
            }
        }
    }

    private func time(at i: Int) -> (Clock, Int)? {
        guard let t = at(i) else { return nil }
        let next = at(i + 1)
        let after = at(i + 2)
        func bare(_ h: Int, _ m: Int) -> Clock { Clock(hour: h == 0 ? 12 : h, minute: m, bare: true) }

        if t == "half", next == "past", let h = number(i + 2, in: 1...12) { return (bare(h, 30), 3) }
        // Dutch "half 3" is half an hour *before* three.
        if t == "half", let h = number(i + 1, in: 1...12) { return (bare(h - 1, 30), 2) }
        if t == "kwart" || t == "quarter", let h = number(i + 2, in: 1...12) {
            if next == "over" || next == "past" { return (bare(h, 15), 3) }
            if next == "voor" || next == "to" { return (bare(h - 1, 45), 3) }
        }
        if let k = number(i, in: 1...29), t.count <= 2 {
            // "5 voor half 3" = 2:25, "10 over 3" = 3:10, "10 to 3" = 2:50.
            if next == "voor" || next == "over", after == "half", let h = number(i + 3, in: 1...12) {
                return (bare(h - 1, next == "voor" ? 30 - k : 30 + k), 4)
            }
            if let h = number(i + 2, in: 1...12), DateVocabulary.units[at(i + 3) ?? ""] == nil {
                if next == "over" || next == "past" { return (bare(h, k), 3) }
                if next == "voor" || next == "to" { return (bare(h - 1, 60 - k), 3) }
            }
        }
        if let m = t.wholeMatch(of: RegexCache.clockTime), let h = Int(m.1), let min = Int(m.2),
            h < 24, min < 60
        {
            let clock = Clock(hour: h, minute: min, bare: (1...12).contains(h) && m.1.first != "0")
            if let next, let c = meridiem(clock, next) { return (c, 2) }
            return (clock, DateVocabulary.hourSuffixes.contains(next ?? "") ? 2 : 1)
        }
        if let h = number(i, in: 0...23), t.count <= 2, let next {
            let clock = Clock(hour: h, minute: 0, bare: (1...12).contains(h) && t.first != "0")
            if let c = meridiem(clock, next) { return (c, 2) }
            if DateVocabulary.hourSuffixes.contains(next) { return (clock, 2) }
        }
        // "om 9" / "at 10": the lead word is what makes a lone number a time.
        guard ["om", "at", "rond", "around", "omstreeks", "tegen"].contains(t) else { return nil }
        if let (clock, length) = time(at: i + 1) { return (clock, length + 1) }
        if let h = number(i + 1, in: 0...23),
            next?.count ?? 0 <= 2, DateVocabulary.months[after ?? ""] == nil, DateVocabulary.units[after ?? ""] == nil
        {
            return (Clock(hour: h, minute: 0, bare: (1...12).contains(h) && next?.first != "0"), 2)
        }
        return nil
    }

    private func meridiem(_ clock: Clock, _ word: String) -> Clock? {
        guard word == "am" || word == "pm", (1...12).contains(clock.hour) else { return nil }
        let base = clock.hour % 12
        return Clock(hour: word == "pm" ? base + 12 : base, minute: clock.minute, bare: false)
    }

    /// The 24-hour time: bare hours follow the period if one was given, else assume daytime
    /// (an appointment at "3" or "half 3" is 15:00/14:30, not in the night).
    func resolvedTime() -> LocalTime? {
        guard let clock else { return nil }
        var h = clock.hour
        if clock.bare {
            switch period {
            case nil: h = h <= 6 ? h + 12 : h
            case .morning: break
            case .afternoon, .evening: h = h < 12 ? h + 12 : h
            case .night: h = h == 12 ? 0 : (h >= 7 ? h + 12 : h)
            }
        }
        guard (0...23).contains(h), (0...59).contains(clock.minute) else { return nil }
        return LocalTime(hour: h, minute: clock.minute)
    }
}
