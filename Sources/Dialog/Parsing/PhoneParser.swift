public enum PhoneParse: Sendable, Equatable {
    /// E.164, e.g. "+31612345678".
    case valid(String)
    /// A real Dutch number that cannot receive SMS: landline, 066 pager, 067, 097 machine, 0800/0900.
    case notMobile
    case invalid
}

/// Normalises phone numbers as Dutch people type them ("06-1234 5678", "+31 (0)6…", "0031…").
public enum PhoneParser {
    public static func normalize(_ s: String, allowInternational: Bool = false) -> PhoneParse {
        guard !AnswerText.isTooLongToParse(s) else { return .invalid }
        // A provider's sender is plain ("+31612345678"): nothing to strip, no characters to walk.
        let plain = s.utf8.allSatisfy { $0 == UInt8(ascii: "+") || (0x30...0x39).contains($0) }
        var t = plain ? s : String(s.filter { !$0.isWhitespace && !Self.separators.contains($0) })
        if t.hasPrefix("00") {
            t = "+" + t.dropFirst(2)
        } else if t.hasPrefix("0") {
            t = "+31" + t.dropFirst()
        } else if t.hasPrefix("31"), t.count == 11 {
            t = "+" + t  // "31612345678": the + got lost
        }
        let digits = t.dropFirst()
        guard t.first == "+", !digits.isEmpty, digits.allSatisfy(AnswerText.isASCIIDigit) else { return .invalid }
        // "+31 (0)6…" is common on business cards; the trunk 0 does not belong after +31.
        if t.hasPrefix("+310") { t = "+31" + t.dropFirst(4) }
        if t.hasPrefix("+31") { return dutch(String(t.dropFirst(3))) }

        guard allowInternational, (8...15).contains(digits.count), digits.first != "0" else { return .invalid }
        return .valid(t)
    }

    private static let separators: Set<Character> = ["-", ".", "(", ")", "/", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}", "\u{2212}"]

    /// Dutch mobiles as "06-12345678"; everything else in E.164.
    public static func display(_ e164: String) -> String {
        if e164.hasPrefix("+316"), e164.count == 12 { return "06-" + e164.dropFirst(4) }
        return e164
    }

    /// `national` is what follows +31 (no trunk 0).
    private static func dutch(_ national: String) -> PhoneParse {
        let n = national.count
        guard let first = national.first, first != "0" else { return .invalid }
        if first == "6" {
            guard n == 9 else { return .invalid }  // a mobile with a digit too many or too few
            // 06-1…5 and 06-8 are mobile; 066 (pagers) and 067 (data/no SMS) are not.
            let third = national.dropFirst().first!
            return "123458".contains(third) ? .valid("+31" + national) : .notMobile
        }
        if national.hasPrefix("97") { return (9...11).contains(n) ? .notMobile : .invalid }
        if national.hasPrefix("800") || national.hasPrefix("90") { return (7...10).contains(n) ? .notMobile : .invalid }
        return n == 9 ? .notMobile : .invalid
    }
}
