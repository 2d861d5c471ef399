/// Splits text into SMS parts the way a handset or gateway does.
///
/// GSM-7: up to 160 septets in one SMS, otherwise parts of at most 153 septets; an extension
/// character (escape + code, 2 septets) is never split across parts.
/// UCS-2: up to 70 UTF-16 code units in one SMS, otherwise parts of at most 67; a surrogate
/// pair (astral character, 2 units) is never split across parts.
/// Parts are packed greedily, so a part may end short of the limit.
public enum SMSSegments {
    public static func analyze(_ text: String) -> SMSSegmentInfo {
        if let septets = GSM7Alphabet.asciiSeptets(of: text), septets <= SMSEncoding.gsm7.singleSegmentLimit {
            return SMSSegmentInfo(
                encoding: .gsm7, units: septets, segments: septets == 0 ? 0 : 1,
                unitsPerSegment: septets == 0 ? [] : [septets])
        }
        return analyzeScalars(text)
    }

    /// The same, scalar by scalar: for any text.
    static func analyzeScalars(_ text: String) -> SMSSegmentInfo {
        let encoding: SMSEncoding = GSM7.isEncodable(text) ? .gsm7 : .ucs2
        let costs: [Int] = text.unicodeScalars.map { scalar in
            switch encoding {
            case .gsm7: GSM7Alphabet.septets(scalar) ?? 1
            case .ucs2: UTF16.width(scalar)
            }
        }
        let parts = pack(costs, encoding: encoding)
        return SMSSegmentInfo(
            encoding: encoding,
            units: parts.reduce(0, +),
            segments: parts.count,
            unitsPerSegment: parts
        )
    }

    /// Units per part for indivisible items of the given costs.
    static func pack(_ costs: [Int], encoding: SMSEncoding) -> [Int] {
        let total = costs.reduce(0, +)
        if total == 0 { return [] }
        if total <= encoding.singleSegmentLimit { return [total] }
        let limit = encoding.multipartSegmentLimit
        var parts: [Int] = []
        var current = 0
        for cost in costs {
            if current + cost > limit {
                parts.append(current)
                current = 0
            }
            current += cost
        }
        parts.append(current)
        return parts
    }
}
