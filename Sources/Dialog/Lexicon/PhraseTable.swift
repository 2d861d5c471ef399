/// Phrases of one or more words with what each stands for, matched against an answer's words:
/// the longest phrase that starts at a word wins, and with `typos` a word of five letters or
/// more may be one edit away from the phrase's word.
public struct PhraseTable<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        let words: [String]
        let payload: Payload
    }

    /// Entries by their first word, in the order added.
    private var byFirst: [String: [Entry]] = [:]
    /// First words long enough for a typo to count, for the slow look-up.
    private var longFirsts: [String] = []

    public init() {}

    public var isEmpty: Bool { byFirst.isEmpty }

    public mutating func add(_ phrase: [String], _ payload: Payload) {
        guard let first = phrase.first else { return }
        if byFirst[first] == nil, first.utf8.count >= EditDistance.minimumLength { longFirsts.append(first) }
        byFirst[first, default: []].append(Entry(words: phrase, payload: payload))
    }

    public mutating func add(_ phrase: String, _ payload: Payload) {
        add(Words.phrase(phrase), payload)
    }

    /// The longest phrase starting at `words[i]`: its payload and how many words it covers.
    func match(_ words: [String], at i: Int, typos: Bool = true) -> (payload: Payload, length: Int)? {
        if let entries = byFirst[words[i]], let hit = longest(entries, words, i, typos: typos) { return hit }
        guard typos, words[i].utf8.count >= EditDistance.minimumLength - 1 else { return nil }
        for first in longFirsts where EditDistance.isTypo(words[i], of: first) {
            if let hit = longest(byFirst[first] ?? [], words, i, typos: typos) { return hit }
        }
        return nil
    }

    /// The longest entry that fits at `i`; of two as long, the one added first.
    private func longest(_ entries: [Entry], _ words: [String], _ i: Int, typos: Bool) -> (payload: Payload, length: Int)? {
        var best: Entry?
        for entry in entries where i + entry.words.count <= words.count && entry.words.count > (best?.words.count ?? 0) {
            let fits = entry.words.indices.allSatisfy { k in
                let typed = words[i + k]
                let known = entry.words[k]
                return typed == known || (typos && EditDistance.isTypo(typed, of: known))
            }
            if fits { best = entry }
        }
        return best.map { ($0.payload, $0.words.count) }
    }

    /// Whether some phrase occurs anywhere in `words`.
    func occurs(in words: [String], typos: Bool = false) -> Bool {
        words.indices.contains { match(words, at: $0, typos: typos) != nil }
    }

    /// Whether the words are exactly one phrase.
    func whole(_ words: [String], typos: Bool = false) -> Payload? {
        guard !words.isEmpty, let hit = match(words, at: 0, typos: typos), hit.length == words.count else { return nil }
        return hit.payload
    }
}
