/// Word lists and the tokenizer shared by the date and time scanning.
enum DateVocabulary {
    enum DayPeriod: Sendable { case morning, afternoon, evening, night }

    static let months: [String: Int] = [
        "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2,
        "maart": 3, "mrt": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
        "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8,
        "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
        "october": 10, "november": 11, "nov": 11, "december": 12, "dec": 12
    ]

    /// ISO weekday numbers, 1 = Monday.
    static let weekdays: [String: Int] = [
        "maandag": 1, "ma": 1, "dinsdag": 2, "di": 2, "woensdag": 3, "wo": 3, "donderdag": 4, "do": 4,
        "vrijdag": 5, "vr": 5, "zaterdag": 6, "za": 6, "zondag": 7, "zo": 7,
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
        "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
        "saturday": 6, "sat": 6, "sunday": 7, "sun": 7
    ]

    static let periods: [String: DayPeriod] = [
        "ochtends": .morning, "morgens": .morning, "ochtend": .morning, "morning": .morning,
        "middags": .afternoon, "middag": .afternoon, "afternoon": .afternoon,
        "avonds": .evening, "avond": .evening, "evening": .evening,
        "nachts": .night, "nacht": .night, "night": .night
    ]

    /// Units for "over 3 dagen" / "in 2 weeks": (days, months).
    static let units: [String: (days: Int, months: Int)] = [
        "dag": (1, 0), "dagen": (1, 0), "day": (1, 0), "days": (1, 0),
        "week": (7, 0), "weken": (7, 0), "weekje": (7, 0), "weeks": (7, 0),
        "maand": (0, 1), "maanden": (0, 1), "month": (0, 1), "months": (0, 1)
    ]

    static let hourSuffixes: Set<String> = ["uur", "u", "h"]

    /// A word that names a day ("morgen", "dinsdag"): never a name. Months are left out, as
    /// some are names too (April, June).
    static func isDateWord(_ word: String) -> Bool {
        relativeDays.contains(word) || (word.count >= 6 && weekdays[word] != nil)
    }

    static let relativeDays: Set<String> = ["vandaag", "morgen", "overmorgen", "gisteren", "today", "tomorrow", "yesterday"]

    /// Words that may surround a date without changing it ("op dinsdag om 10 uur graag").
    static let fillers: Set<String> = [
        "om", "at", "op", "on", "de", "het", "the", "rond", "around", "omstreeks", "tegen", "ongeveer",
        "about", "vanaf", "from", "graag", "liefst", "dan", "ok", "oke", "oké", "prima", "ja", "yes",
        "is", "ik", "kan", "wil", "i", "can", "'s", "s", "in", "van", "of", "or", "en", "and", "-",
        "please", "aub", "a.u.b", "svp", "deze", "this", "komende", "aanstaande", "coming"
    ]

    /// "'s avonds", "savonds".
    private static let genitivePrefixes = ["'s-", "'s", "s'", "s"]
    /// "morgenavond", "dinsdagochtend", "dinsdagmorgen" (morning, not tomorrow): the days that
    /// start a compound, and the periods that end one.
    private static let compoundDays = ["morgen"] + weekdays.keys.filter { $0.count > 4 }.sorted()
    private static let compoundPeriods = ["ochtend": "ochtend", "morgen": "ochtend", "middag": "middag", "avond": "avond", "nacht": "nacht"]

    private static let numberWords: [String: String] = [
        "een": "1", "één": "1", "eén": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5",
        "zes": "6", "zeven": "7", "acht": "8", "negen": "9", "tien": "10", "elf": "11", "twaalf": "12",
        "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
        "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"
    ]

    private static let aliases: [String: [String]] = [
        "a.m": ["am"], "p.m": ["pm"], "a.s": ["aanstaande"], "o'clock": ["uur"], "oclock": ["uur"],
        "vanochtend": ["vandaag", "ochtend"], "vanmorgen": ["vandaag", "ochtend"],
        "vanmiddag": ["vandaag", "middag"], "vanavond": ["vandaag", "avond"],
        "vannacht": ["vandaag", "nacht"], "tonight": ["today", "evening"]
    ]

    /// Splits folded text into words, undoing compounds ("morgenavond", "dinsdagochtend"),
    /// glued units ("10uur", "2:30pm", "15e") and number words ("half drie" → "half 3").
    static func tokens(_ folded: String, correctingTypos: Bool = false) -> [String] {
        folded.split { $0.isWhitespace || $0 == "," || $0 == ";" }.flatMap { token in
            let words = expand(String(token))
            return correctingTypos ? words.map(corrected) : words
        }
    }

    /// A day or month name typed with one mistake ("morgne", "dinsdg", "decmber").
    static func corrected(_ word: String) -> String {
        guard word.count >= EditDistance.minimumLength - 1, word.allSatisfy(\.isLetter), !isKnown(word) else { return word }
        let near = correctable.filter { EditDistance.isTypo(word, of: $0) }
        return near.count == 1 ? near[0] : word
    }

    private static func isKnown(_ word: String) -> Bool {
        months[word] != nil || weekdays[word] != nil || periods[word] != nil || units[word] != nil || fillers.contains(word)
            || relativeDays.contains(word) || numberWords[word] != nil
    }

    /// Whole names only: abbreviations are too short to correct.
    private static let correctable: [String] =
        (months.keys.filter { $0.count >= 5 } + weekdays.keys.filter { $0.count >= 5 }
        + ["vandaag", "morgen", "overmorgen", "tomorrow"]).sorted()

    private static func expand(_ token: String) -> [String] {
        var t = token
        while t.count > 1, t.last == ".", !t.contains(where: AnswerText.isASCIIDigit) { t.removeLast() }
        if let alias = aliases[t] { return alias }
        if let number = numberWords[t] { return [number] }
        for prefix in genitivePrefixes where t.hasPrefix(prefix) {
            let rest = String(t.dropFirst(prefix.count))
            if rest.hasSuffix("s"), periods[rest] != nil { return [rest] }
        }
        for day in compoundDays where t.hasPrefix(day) && t != day {
            if let period = compoundPeriods[String(t.dropFirst(day.count))] { return [day, period] }
        }
        // The patterns below all start with a digit; most words do not, and matching costs.
        guard t.first?.isNumber == true else { return [t] }
        if let m = t.wholeMatch(of: RegexCache.hourWithSuffix) {
            return [String(m.1), String(m.2)]
        }
        if let m = t.wholeMatch(of: RegexCache.hourUMinutes) {
            return ["\(m.1):\(m.2)"]
        }
        if let m = t.wholeMatch(of: RegexCache.ordinalDay) {
            return [String(m.1)]
        }
        return [t]
    }
}
