/// The Dutch public holidays of a year, computed (Easter by the Gregorian computus), not looked up.
public enum DutchHolidays {
    /// The distinct dates of `holidays` in `year`, sorted. (Hemelvaartsdag can fall on
    /// 5 May, as in 2016; that date is listed once.)
    public static func holidays(in year: Int, among holidays: Set<DutchHoliday> = Set(DutchHoliday.allCases)) -> [LocalDate] {
        Array(Set(holidays.map { $0.date(in: year) })).sorted()
    }

    /// Each holiday of `year` with its date, in date order (then declaration order).
    public static func named(in year: Int) -> [(holiday: DutchHoliday, date: LocalDate)] {
        DutchHoliday.allCases.map { ($0, $0.date(in: year)) }.sorted { $0.date < $1.date }
    }

    /// The holidays that fall on `date` (usually none or one).
    public static func holidays(on date: LocalDate) -> Set<DutchHoliday> {
        Set(DutchHoliday.allCases.filter { $0.date(in: date.year) == date })
    }

    /// Whether `date` is one of `holidays` (all of them unless told otherwise).
    public static func isHoliday(_ date: LocalDate, among holidays: Set<DutchHoliday> = Set(DutchHoliday.allCases)) -> Bool {
        holidays.contains { $0.date(in: date.year) == date }
    }
}
