/// Preparing text for sending by SMS.
public enum SMSText {
    /// `text` rewritten so that it is GSM-7 (`GSM7.isEncodable` holds for the result).
    ///
    /// - GSM-7 characters are kept; decomposed forms become the precomposed GSM-7 character.
    /// - Curly quotes, dashes, ellipsis, special spaces and letters with diacritics outside
    ///   GSM-7 are replaced by their plain equivalent ("zo’n" → "zo'n", "ideeën" → "ideeen").
    /// - Emoji and other characters without an equivalent are removed; the runs of spaces
    ///   that leaves are collapsed and spaces at the ends of lines are trimmed.
    ///
    /// Applying it twice gives the same result as applying it once.
    public static func gsm7Safe(_ text: String) -> String {
        // Every scalar in GSM-7 (nearly always): each character would be kept as it is.
        if GSM7Alphabet.asciiSeptets(of: text) != nil || text.unicodeScalars.allSatisfy(GSM7Alphabet.contains) {
            return collapsingSpaces(text)
        }
        var converted = ""
        for character in text {
            converted += gsm7Equivalent(of: character)
        }
        return collapsingSpaces(converted)
    }

    /// The GSM-7 text for one character, possibly empty.
    static func gsm7Equivalent(of character: Character) -> String {
        if character.unicodeScalars.allSatisfy(GSM7Alphabet.contains) {
            return String(character)
        }
        if let gsm = GSM7Alphabet.canonicalCharacters[character] {
            return String(gsm)
        }
        if let replacement = GSM7Transliteration.replacement(for: character) {
            return replacement
        }
        // A cluster with no equivalent as a whole (a letter with an unusual combining mark,
        // an emoji sequence): keep what can be kept scalar by scalar, drop the rest.
        var result = ""
        for scalar in character.unicodeScalars {
            if GSM7Alphabet.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if let replacement = GSM7Transliteration.replacement(for: Character(scalar)) {
                result += replacement
            }
        }
        return result
    }

    /// Runs of spaces become one space; spaces at the start and end of the text and of each
    /// line are dropped.
    static func collapsingSpaces(_ text: String) -> String {
        var copy = text
        if !copy.withUTF8(hasSpaceToDrop) { return text }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ":
                pendingSpace = true
            case "\n", "\r":
                pendingSpace = false
                result.append(scalar)
            default:
                if pendingSpace, let last = result.last, last != "\n", last != "\r" {
                    result.append(" ")
                }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `collapsingSpaces` would change anything: a space at either end, next to another
    /// space, or next to a line break. Most texts have none and are returned as they are.
    private static func hasSpaceToDrop(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isBreakOrSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D }
        for (index, byte) in bytes.enumerated() where byte == 0x20 {
            if index == 0 || index == bytes.count - 1 || isBreakOrSpace(bytes[index - 1]) || isBreakOrSpace(bytes[index + 1]) {
                return true
            }
        }
        return false
    }
}
