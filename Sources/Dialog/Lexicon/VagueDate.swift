/// A moment said vaguely, and how it becomes a concrete proposal.
public enum VagueDate: String, Sendable, CaseIterable {
    /// "volgende week", "na het weekend": Monday of next week.
    case nextWeek = "next_week"
    /// "over een paar dagen": three days from today.
    case fewDays = "few_days"
    /// "zo snel mogelijk": the next weekday.
    case soon
    /// "eind van de maand": the last weekday of this month.
    case monthEnd = "month_end"
    /// "volgende maand", "begin volgende maand": the first weekday of next month.
    case nextMonth = "next_month"
    /// "na de kerst": the first weekday after 26 December.
    case afterChristmas = "after_christmas"
    /// "na de feestdagen", "na oud en nieuw": the first weekday after 1 January.
    case afterNewYear = "after_new_year"
    /// "over een week of twee": two weeks from today.
    case twoWeeks = "two_weeks"
    /// Before a month's name: "half januari" (the 15th), "begin januari", "eind januari".
    case midMonth = "mid_month"
    case monthStart = "month_start"
    case monthEndOf = "end_of_month"

    /// Whether the rule needs a month's name after the phrase.
    var takesMonth: Bool { self == .midMonth || self == .monthStart || self == .monthEndOf }
}
