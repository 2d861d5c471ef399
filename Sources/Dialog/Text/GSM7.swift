/// Whether text can be sent as GSM-7.
///
/// Membership is decided per Unicode scalar, as a gateway encodes it: no normalization is
/// applied, so a decomposed "e" + U+0301 is not GSM-7 even though a precomposed "é" is.
/// Use `SMSText.gsm7Safe(_:)` to turn any text into encodable text.
public enum GSM7 {
    /// True when every character is in the GSM-7 default alphabet or its extension table.
    public static func isEncodable(_ text: String) -> Bool {
        GSM7Alphabet.asciiSeptets(of: text) != nil || text.unicodeScalars.allSatisfy(GSM7Alphabet.contains)
    }

    /// The characters that force UCS-2: unique, in order of first appearance.
    public static func offendingCharacters(_ text: String) -> [Character] {
        var seen = Set<Character>()
        var result: [Character] = []
        for character in text
        where !character.unicodeScalars.allSatisfy(GSM7Alphabet.contains) {
            if seen.insert(character).inserted {
                result.append(character)
            }
        }
        return result
    }
}
