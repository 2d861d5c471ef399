import Foundation

/// Picks options by 1-based number, by (part of) a label, or as a list ("1, 3 en 5", "geld en wonen").
public enum ChoiceParser {
    public static func parse(_ s: String, options: [ChoiceOption], multiple: Bool, maxCount: Int? = nil) -> ChoiceParse {
        guard !AnswerText.isTooLongToParse(s) else { return .invalid }
        let text = key(s)
        guard !text.isEmpty, !options.isEmpty else { return .invalid }
        let labels = options.map { $0.labels.map(LabelKeys.shared.key) }
        var picked: [Int] = []

        if allWords.contains(text) {
            picked = Array(options.indices)
        } else {
            // The whole text first: a label may itself contain a separator ("Werk en leren").
            switch resolve(text, labels) {
            case .one(let index): picked = [index]
            case .many(let indices), .ambiguous(let indices): return .ambiguous(indices)
            case .outOfRange: return .invalid
            case .none:
                switch resolveList(text, labels) {
                case .one, .outOfRange, .none: return .invalid
                case .many(let indices): picked = indices
                case .ambiguous(let indices): return .ambiguous(indices)
                }
            }
        }

        var seen = Set<Int>()
        picked = picked.filter { seen.insert($0).inserted }
        if picked.isEmpty || (!multiple && picked.count > 1) { return .invalid }
        if let maxCount, picked.count > maxCount { return .invalid }
        return .selected(picked)
    }

    private enum Match { case one(Int), many([Int]), ambiguous([Int]), none, outOfRange }

    static let allWords: Set<String> = [
        "alles", "allemaal", "alle", "alle opties", "all", "all of them", "everything", "all options"
    ]
    // "of" and "or" join alternatives, not a list: "geld of wonen" is one or the other.
    private static let separatorWords: Set<String> = ["en", "and", "plus", ","]
    private static let stopWords: Set<String> = [
        "en", "and", "of", "or", "de", "het", "een", "the", "a", "an", "van", "in", "op", "met", "voor", "to", "for"
    ]
    private static let numberPrefixes: Set<String> = ["optie", "nummer", "nr", "keuze", "option", "number", "choice"]
    private static let numberWords: [String: Int] = [
        "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
        "negen": 9, "tien": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10
    ]

    /// Folded, accent-free, with list punctuation as separate " , " tokens, for input and labels alike.
    static func key(_ s: String) -> String {
        var folded = AnswerText.fold(s)
        // Plain ASCII has no accents to take off (Foundation's folding was a tenth of a turn).
        if !folded.utf8.allSatisfy({ $0 < 0x80 }) { folded = folded.folding(options: .diacriticInsensitive, locale: nil) }
        guard folded.utf8.contains(where: { listPunctuation.contains($0) }) else { return folded }
        var spaced = ""
        spaced.reserveCapacity(folded.utf8.count + 8)
        for c in folded {
            if let ascii = c.asciiValue, listPunctuation.contains(ascii) { spaced += " , " } else { spaced.append(c) }
        }
        return AnswerText.collapseWhitespace(spaced)
    }

    private static let listPunctuation: Set<UInt8> = Set(",;&+/".utf8)

    private static func resolve(_ raw: String, _ labels: [[String]]) -> Match {
        var words = raw.split(separator: " ").map(trimmed)
        words.removeAll(where: \.isEmpty)
        if words.count == 2, numberPrefixes.contains(words[0].replacingOccurrences(of: ".", with: "")), Int(words[1]) != nil {
            words.removeFirst()
        }
        let item = words.joined(separator: " ")
        guard !item.isEmpty else { return .none }
        if item.allSatisfy(AnswerText.isASCIIDigit) {
            guard let n = Int(item), (1...labels.count).contains(n) else { return .outOfRange }
            return .one(n - 1)
        }
        let exact = labels.indices.filter { labels[$0].contains(item) }
        if let match = single(exact) { return match }
        if stopWords.contains(item) { return .none }
        let partial = labels.indices.filter { labels[$0].contains { partOf(words, label: $0) } }
        if let match = single(partial) { return match }
        if let n = numberWords[item] {
            return n <= labels.count ? .one(n - 1) : .outOfRange
        }
        return .none
    }

    /// A word without the brackets, hashes, colons and dots around it ("(2)", "#3", "wonen.").
    private static func trimmed(_ word: Substring) -> String {
        let scalars = word.unicodeScalars
        let kept: (Unicode.Scalar) -> Bool = { !"()[]#:.".unicodeScalars.contains($0) }
        guard let first = scalars.firstIndex(where: kept), let last = scalars.lastIndex(where: kept) else { return "" }
        return String(Substring(scalars[first...last]))
    }

    private static func single(_ indices: [Int]) -> Match? {
        switch indices.count {
        case 0: nil
        case 1: .one(indices[0])
        default: .many(indices)
        }
    }

    /// The typed words appear in the label as consecutive whole words; the last one may be
    /// a prefix of at least 3 letters ("lere" → "leren"), shorter prefixes match too much.
    private static func partOf(_ words: [String], label: String) -> Bool {
        let labelWords = label.split(separator: " ").map(String.init)
        guard !words.isEmpty, words.count <= labelWords.count else { return false }
        return (0...(labelWords.count - words.count)).contains { start in
            words.indices.allSatisfy { k in
                let l = labelWords[start + k]
                let w = words[k]
                return l == w || (k == words.count - 1 && w.count >= 3 && l.hasPrefix(w))
            }
        }
    }

    /// Splits on separators, greedily re-joining neighbours that form a whole label
    /// ("werk en leren en geld" → "werk en leren", "geld"). `.many` carries the selection.
    private static func resolveList(_ text: String, _ labels: [[String]]) -> Match {
        let tokens = text.split(separator: " ").map(String.init)
        var pieces: [Range<Int>] = []
        var start: Int?
        for (i, token) in tokens.enumerated() {
            if separatorWords.contains(token) {
                if let s = start { pieces.append(s..<i) }
                start = nil
            } else if start == nil {
                start = i
            }
        }
        if let s = start { pieces.append(s..<tokens.count) }

        let longest = labels.joined().map { $0.split(separator: " ").count }.max() ?? 0
        var picked: [Int] = []
        var p = 0
        while p < pieces.count {
            if let (index, end) = longestLabel(from: p, pieces, tokens, labels, longest: longest) {
                picked.append(index)
                p = end
                continue
            }
            let piece = tokens[pieces[p]].joined(separator: " ")
            var parts = [piece]
            if case .none = resolve(piece, labels) { parts = Array(tokens[pieces[p]]) }  // "1 3", "geld wonen"
            for part in parts {
                switch resolve(part, labels) {
                case .one(let index): picked.append(index)
                case .many(let indices), .ambiguous(let indices): return .ambiguous(indices)
                case .none, .outOfRange: return .outOfRange
                }
            }
            p += 1
        }
        return .many(picked)
    }

    /// The longest run of pieces from `p` that is exactly one label. A run with more words than the
    /// longest label cannot be one, so only runs up to that length are joined: trying every run
    /// made long lists cubic in their length.
    private static func longestLabel(from p: Int, _ pieces: [Range<Int>], _ tokens: [String], _ labels: [[String]], longest: Int) -> (
        Int, Int
    )? {
        var last = p + 1
        while last < pieces.count, pieces[last].upperBound - pieces[p].lowerBound <= longest { last += 1 }
        for end in stride(from: last, to: p + 1, by: -1) {
            let joined = tokens[pieces[p].lowerBound..<pieces[end - 1].upperBound].joined(separator: " ")
            let exact = labels.indices.filter { labels[$0].contains(joined) }
            if exact.count == 1 { return (exact[0], end) }
        }
        return nil
    }
}

/// Option labels as `ChoiceParser.key` makes them, memoised: the same few labels are keyed at every
/// choice question, and keying was a fifth of the choice parser. The same label always gives the
/// same key, so parsing stays deterministic.
final class LabelKeys: @unchecked Sendable {
    static let shared = LabelKeys()

    private let lock = NSLock()
    private var keys: [String: String] = [:]
    /// Labels come from flow files (a few hundred); over this only costs keying again.
    private let limit = 8_192

    func key(_ label: String) -> String {
        if let cached = lock.withLock({ keys[label] }) { return cached }
        let key = ChoiceParser.key(label)
        lock.withLock {
            if keys.count >= limit { keys.removeAll(keepingCapacity: true) }
            keys[label] = key
        }
        return key
    }
}
