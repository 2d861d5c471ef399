/// The character encoding an SMS is sent in (GSM 03.38 / 3GPP TS 23.038).
///
/// A message goes out as GSM-7 when every character is in the GSM-7 default alphabet or its
/// extension table; a single character outside those switches the whole message to UCS-2.
public enum SMSEncoding: String, Sendable, Codable {
    /// 7-bit default alphabet; units are septets (extension characters cost 2).
    case gsm7 = "GSM-7"
    /// 16-bit encoding; units are UTF-16 code units (an astral character costs 2).
    case ucs2 = "UCS-2"

    /// Units that fit in a message sent as one single SMS: 160 septets or 70 UTF-16 units.
    public var singleSegmentLimit: Int {
        switch self {
        case .gsm7: 160
        case .ucs2: 70
        }
    }

    /// Units per part of a concatenated SMS (the concatenation header takes 6 octets):
    /// 153 septets or 67 UTF-16 units.
    public var multipartSegmentLimit: Int {
        switch self {
        case .gsm7: 153
        case .ucs2: 67
        }
    }
}
