public enum FreeTextParse: Sendable, Equatable {
    case text(String)
    case empty
    /// The answer was too long; carries its length in Characters.
    case tooLong(Int)
}

/// Open answers: whitespace is tidied, case and punctuation are kept as typed.
public enum FreeTextParser {
    public static func parse(_ s: String, maxLength: Int) -> FreeTextParse {
        let text = AnswerText.collapseWhitespace(s)
        if text.isEmpty { return .empty }
        // Characters, not UTF-16 units: an emoji or "é" counts once, as the user sees it.
        let count = text.count
        return count > maxLength ? .tooLong(count) : .text(text)
    }
}
