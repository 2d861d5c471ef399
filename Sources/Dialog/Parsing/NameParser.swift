/// Extracts a display name from answers like "ik heet jan" or "My name is Anna de Vries".
public enum NameParser {
    public static func parse(_ s: String) -> String? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        var words = AnswerText.straightenQuotes(s)
            .split(whereSeparator: \.isWhitespace).map(String.init)
        stripLeadIn(&words)
        var name = words.joined(separator: " ")
        while let last = name.last, ".!,:;".contains(last) { name.removeLast() }
        while let first = name.first, ",:;-".contains(first) || first == " " { name.removeFirst() }

        guard (1...60).contains(name.count),
              name.contains(where: \.isLetter),
              name.allSatisfy(isAllowed)
        else { return nil }
        return capitalisingFirstLetter(name)
    }

    private static let greetings: Set<String> = [
        "hoi", "hallo", "hai", "hi", "hello", "hey", "dag", "goedemorgen", "goedemiddag", "goedenavond",
    ]

    private static let leadIns: [[String]] = [
        ["mijn", "naam", "is"], ["ik", "heet"], ["ik", "ben"], ["dit", "is"], ["naam"],
        ["my", "name", "is"], ["i", "am"], ["i'm"], ["this", "is"], ["name"],
    ]

    private static func stripLeadIn(_ words: inout [String]) {
        func key(_ w: String) -> String {
            var k = w.lowercased()
            while let last = k.last, ",:!".contains(last) { k.removeLast() }
            return k
        }
        // A greeting is only dropped when a lead-in follows: "Hi" on its own might be a nickname.
        let offset = words.first.map { greetings.contains(key($0)) } == true ? 1 : 0
        for leadIn in leadIns where words.count >= offset + leadIn.count {
            let candidate = words[offset..<(offset + leadIn.count)].map(key)
            if candidate == leadIn {
                words.removeFirst(offset + leadIn.count)
                return
            }
        }
    }

    // Letters plus what real names use: spaces, hyphens (Jan-Willem), apostrophes (d'Arcy)
    // and dots (initials: "J.P. de Vries"). Digits, "@" and other symbols mean it is not a name.
    private static func isAllowed(_ c: Character) -> Bool {
        c.isLetter || c == " " || c == "-" || c == "'" || c == "."
            || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
    }

    /// Only an all-lowercase first word is capitalised: "d'Arcy" or "McKenzie" were typed
    /// deliberately; tussenvoegsels later in the name are never touched.
    private static func capitalisingFirstLetter(_ name: String) -> String {
        let firstWord = name.prefix { $0 != " " }
        guard !firstWord.contains(where: \.isUppercase),
              let index = name.firstIndex(where: \.isLetter)
        else { return name }
        return name[..<index] + name[index].uppercased() + name[name.index(after: index)...]
    }
}
