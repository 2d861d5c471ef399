/// Shared normalisation for short chat answers, applied before any parser looks at the text.
public enum AnswerText {
    /// Trims, lowercases, folds curly quotes to straight ones, collapses whitespace
    /// and strips trailing `.` / `!` (so "Ja!" and "ja" compare equal).
    public static func fold(_ s: String) -> String {
        var t = collapseWhitespace(straightenQuotes(s).lowercased())
        while let last = t.last, last == "." || last == "!" || last.isWhitespace {
            t.removeLast()
        }
        return t
    }

    /// Phones autocorrect `'` into `’` (and `"` into `“ ”`), so both must compare equal.
    static func straightenQuotes(_ s: String) -> String {
        // Most answers are plain ASCII without a backtick: nothing to fold (a fast path, as every
        // parser folds the same answer again).
        if s.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "`") }) { return s }
        // A keycap emoji ("7️⃣") is its digit.
        let plain =
            s.unicodeScalars.contains { $0.value == 0x20E3 }
            ? String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value != 0x20E3 && $0.value != 0xFE0F })) : s
        return String(
            plain.map { c -> Character in
                switch c {
                case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}", "`", "\u{00B4}": "'"
                case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}": "\""
                default: c
                }
            })
    }

    /// Trims and replaces every run of whitespace (including newlines and NBSP) by one space.
    static func collapseWhitespace(_ s: String) -> String {
        if isCollapsedASCII(s) { return s }
        return s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// ASCII with single spaces only between words: already collapsed.
    private static func isCollapsedASCII(_ s: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: " ")
        for byte in s.utf8 {
            if byte >= 0x80 || byte == 9 || byte == 10 || byte == 11 || byte == 12 || byte == 13 { return false }
            if byte == UInt8(ascii: " "), previous == UInt8(ascii: " ") { return false }
            previous = byte
        }
        return previous != UInt8(ascii: " ") || s.isEmpty
    }

    /// Longer answers are no choice, grade, date, yes/no, name or phone number. The parsers refuse
    /// them at once: some do work that grows faster than the text (the choice parser took minutes
    /// on a 4,000-character list), and the engine runs inside the write transaction.
    public static let maxParsedBytes = 500

    static func isTooLongToParse(_ s: String) -> Bool { s.utf8.count > maxParsedBytes }

    static func isASCIIDigit(_ c: Character) -> Bool {
        c.isASCII && c.isNumber
    }
}
