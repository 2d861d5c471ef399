/// The answer parsers' patterns, compiled once: a regex literal inside a function is parsed
/// again every time it runs, which was a quarter of the engine's time. `Regex` is not marked
/// Sendable, but sharing one is safe: its compiled program is set up once atomically and every
/// match keeps its own state.
enum RegexCache {
    nonisolated(unsafe) static let hourWithSuffix = #/(\d{1,2}(?:[:.]\d{2})?)(am|pm|uur|u|h)/#
    nonisolated(unsafe) static let hourUMinutes = #/(\d{1,2})[uh](\d{2})/#
    nonisolated(unsafe) static let ordinalDay = #/(\d{1,2})(?:e|de|ste|st|nd|rd|th)/#
    nonisolated(unsafe) static let clockTime = #/(\d{1,2})[:.](\d{2})/#
    nonisolated(unsafe) static let dayMonthYear = #/(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4}|\d{2})/#.asciiOnlyDigits()
    nonisolated(unsafe) static let dayMonth = #/(\d{1,2})[-\/](\d{1,2})/#.asciiOnlyDigits()
    /// "1-3": a range or a list of choices, so no reading.
    nonisolated(unsafe) static let numberRange = #/\d\s*-\s*\d/#
    nonisolated(unsafe) static let isoDate = #/(\d{4})-(\d{1,2})-(\d{1,2})/#.asciiOnlyDigits()
}
