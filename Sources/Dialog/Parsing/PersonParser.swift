import Foundation

/// Reads the people an inwoner names: "Ans", "mijn zus Ans", "Ans (zus)", "dochter", "de
/// buurvrouw van hiernaast", or several at once ("Ans en mijn buurman Karim"). A relation word is
/// never taken for a name: "dochter" is a relation whose name is still to be asked.
public enum PersonParser {
    public static func parse(_ s: String, lexicon: Lexicon) -> Person? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        var relation: String?
        var nameWords: [String] = []
        var described = false
        for raw in s.split(whereSeparator: \.isWhitespace).map(String.init) {
            let folded = Words(raw).words
            if folded.count == 1, let r = RelationParser.relation(folded[0], lexicon) {
                if relation != nil, relation != r { return nil }
                relation = r
                // Words after the relation describe it ("van hiernaast") unless they are a name.
                described = true
            } else if folded.allSatisfy({ lexicon.possessives.contains($0) || lexicon.fillers.contains($0) }) {
                continue
            } else {
                nameWords.append(raw)
            }
        }
        let phrase = nameWords.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "()[],.:;!"))
        var name: String?
        if !phrase.isEmpty {
            // Beside a relation, lower-case words are a description, not a name, unless there is one word.
            let looksLikeName = !described || nameWords.count == 1 || nameWords.contains { $0.first?.isUppercase ?? false }
            if looksLikeName { name = NameParser.parse(phrase, lexicon: lexicon) }
            if name == nil, relation == nil { return nil }
        }
        guard name != nil || relation != nil else { return nil }
        return Person(name: name, relation: relation)
    }

    /// Several people in one answer, at most `max`; nil when one of them is not understood.
    public static func parseList(_ s: String, lexicon: Lexicon, max: Int? = nil) -> [Person]? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        var parts: [String] = []
        var current: [Substring] = []
        for token in s.split(whereSeparator: \.isWhitespace) {
            let key = Words(String(token)).words
            if key == ["en"] || key == ["and"] || key.isEmpty && "&+/".contains(token) {
                parts.append(current.joined(separator: " "))
                current = []
                continue
            }
            current.append(token)
        }
        parts.append(current.joined(separator: " "))
        let pieces = parts.flatMap { $0.split(whereSeparator: { ",;\n".contains($0) }).map(String.init) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return nil }
        var people: [Person] = []
        for piece in pieces {
            guard let person = parse(piece, lexicon: lexicon) else { return nil }
            if !people.contains(person) { people.append(person) }
        }
        if let max, people.count > max { return nil }
        return people
    }
}
