/// A phrase that signals something in a message: words, `...` for a gap of up to four words, and
/// a final `.` for "the clause ends here" ("ik kan niet meer ." is a crisis; "ik kan niet meer
/// wachten" is not). For a crisis, words of five letters or more may be typed with one mistake.
public struct SignalPattern: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case word(String)
        case gap
        case clauseEnd
    }

    let parts: [Part]
    public let text: String

    static let maxGap = 4

    init?(_ text: String) {
        var parts: [Part] = []
        for raw in text.split(separator: " ") {
            if raw == "..." {
                parts.append(.gap)
                continue
            }
            if raw == "." {
                parts.append(.clauseEnd)
                continue
            }
            parts += Words.phrase(String(raw)).map(Part.word)
        }
        guard case .word? = parts.first else { return nil }
        self.parts = parts
        self.text = text
    }

    /// The first word, which indexes the pattern (`init` refuses a pattern that starts otherwise).
    var firstWord: String {
        if case .word(let w) = parts[0] { return w }
        return ""
    }

    /// Where a match that starts at word `start` ends (exclusive), if it matches there. With
    /// `typos`, a word of five letters or more may be one edit away.
    func end(from start: Int, in message: Words, typos: Bool) -> Int? {
        end(matching: 0, at: start, message, typos)
    }

    private func end(matching p: Int, at i: Int, _ m: Words, _ typos: Bool) -> Int? {
        guard p < parts.count else { return i }
        switch parts[p] {
        case .word(let known):
            guard i < m.count else { return nil }
            let typed = m.words[i]
            guard typed == known || (typos && EditDistance.isTypo(typed, of: known)) else { return nil }
            return end(matching: p + 1, at: i + 1, m, typos)
        case .clauseEnd:
            guard i > 0, m.clauseEnds[i - 1] else { return nil }
            return end(matching: p + 1, at: i, m, typos)
        case .gap:
            for skip in 0...Self.maxGap where i + skip <= m.count {
                // A gap never runs over the end of a clause.
                if skip > 0, m.clauseEnds[i + skip - 1] { break }
                if let e = end(matching: p + 1, at: i + skip, m, typos) { return e }
            }
            return nil
        }
    }
}
