/// Reads a relation ("m'n zus" → "zus", "de buurvrouw", "mijn beste vriendin" → "vriendin") with
/// the relation words of the lexicon. A name is no relation.
public enum RelationParser {
    public static func parse(_ s: String, lexicon: Lexicon) -> String? {
        guard !AnswerText.isTooLongToParse(s) else { return nil }
        let words = Words(s).words
        var found: [String] = []
        var other = 0
        for word in words {
            if let relation = relation(word, lexicon) {
                if !found.contains(relation) { found.append(relation) }
            } else if !(lexicon.possessives.contains(word) || lexicon.fillers.contains(word)) {
                other += 1
            }
        }
        // "een vriend van vroeger" still says "vriend"; a longer story is no relation.
        guard found.count == 1, other <= 2 else { return nil }
        return found[0]
    }

    /// The lexicon's relation word for a typed word, allowing one typo in longer words.
    static func relation(_ word: String, _ lexicon: Lexicon) -> String? {
        if let canonical = lexicon.relations[word] { return canonical }
        guard word.utf8.count >= EditDistance.minimumLength - 1 else { return nil }
        let near = Set(lexicon.relations.filter { EditDistance.isTypo(word, of: $0.key) }.map(\.value))
        return near.count == 1 ? near.first : nil
    }
}
