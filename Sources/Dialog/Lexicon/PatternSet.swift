/// Signal phrases with what each stands for, indexed by their first word: every message is read
/// against all crisis phrases, so a word only meets the phrases that can start with it (and, with
/// typos, those whose first word is one edit away).
public struct PatternSet<Kind: Sendable>: Sendable {
    public private(set) var patterns: [(pattern: SignalPattern, kind: Kind)] = []
    private var byFirst: [String: [Int]] = [:]
    /// First words long enough for a typo to count, with their patterns.
    private var longFirsts: [(word: String, indices: [Int])] = []

    public init() {}

    public mutating func append(_ pattern: SignalPattern, _ kind: Kind) {
        let index = patterns.count
        patterns.append((pattern, kind))
        let first = pattern.firstWord
        if byFirst[first] == nil, first.utf8.count >= EditDistance.minimumLength { longFirsts.append((first, [])) }
        byFirst[first, default: []].append(index)
        if let long = longFirsts.firstIndex(where: { $0.word == first }) { longFirsts[long].indices.append(index) }
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Every match in the message: the pattern's place in the set and the span it covers.
    func matches(in message: Words, typos: Bool) -> [(index: Int, span: Range<Int>)] {
        var found: [(Int, Range<Int>)] = []
        for (start, word) in message.words.enumerated() {
            var candidates = byFirst[word] ?? []
            if typos, word.utf8.count >= EditDistance.minimumLength - 1 {
                for long in longFirsts where EditDistance.isTypo(word, of: long.word) { candidates += long.indices }
            }
            for index in candidates {
                if let end = patterns[index].pattern.end(from: start, in: message, typos: typos) { found.append((index, start..<end)) }
            }
        }
        return found
    }

    /// The kind of the earliest pattern (in file order) that occurs in the message.
    func first(in message: Words) -> Kind? {
        matches(in: message, typos: false).min { $0.index < $1.index }.map { patterns[$0.index].kind }
    }
}
