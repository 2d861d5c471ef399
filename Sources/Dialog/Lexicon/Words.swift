import Foundation

/// An answer as a list of folded words, the form in which answers are compared with the lexicon:
/// lower case, without accents ("ideeën" is "ideeen"), apostrophes dropped ("m'n" is "mn", so that
/// "don't" and "dont" are one word), every other sign a separator. `clauseEnds[i]` says whether a clause ends after
/// word `i` (a comma, a full stop, a question mark, or the end of the text).
public struct Words: Sendable, Equatable {
    public var words: [String]
    public var clauseEnds: [Bool]
    /// Whether the text held a question mark.
    public var asks: Bool

    public init(_ text: String) {
        if let plain = Words(ascii: text) {
            self = plain
            return
        }
        var words: [String] = []
        var ends: [Bool] = []
        var asks = false
        var word = ""
        func flush() {
            if !word.isEmpty {
                words.append(word)
                ends.append(false)
            }
            word = ""
        }
        for c in Words.fold(text) {
            if c.isLetter || c.isNumber {
                word.append(c)
                continue
            }
            if c == "'" { continue }
            flush()
            if Words.clauseMarks.contains(c) {
                if c == "?" { asks = true }
                if !ends.isEmpty { ends[ends.count - 1] = true }
            } else if c.unicodeScalars.first.map({ $0.properties.isEmojiPresentation || $0.value >= 0x2600 }) == true,
                !c.isWhitespace
            {
                // Emoji stand for themselves (👍 is an answer); a skin tone does not change them.
                words.append(String(c.unicodeScalars.first!))
                ends.append(false)
            }
        }
        flush()
        if !ends.isEmpty { ends[ends.count - 1] = true }
        self.words = words
        self.clauseEnds = ends
        self.asks = asks
    }

    /// The same for plain ASCII (most answers), byte by byte: `Character.isLetter` was a visible
    /// part of every turn. Nil when the text has anything else.
    private init?(ascii text: String) {
        var words: [String] = []
        var ends: [Bool] = []
        var asks = false
        var word: [UInt8] = []
        func flush() {
            if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                ends.append(false)
            }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            default:
                flush()
                if Words.clauseBytes.contains(byte) {
                    if byte == UInt8(ascii: "?") { asks = true }
                    if !ends.isEmpty { ends[ends.count - 1] = true }
                }
            }
        }
        flush()
        if !ends.isEmpty { ends[ends.count - 1] = true }
        self.words = words
        self.clauseEnds = ends
        self.asks = asks
    }

    private static let clauseBytes: Set<UInt8> = Set(",.;!?:\n".utf8)

    public var isEmpty: Bool { words.isEmpty }
    public var count: Int { words.count }

    static let clauseMarks: Set<Character> = [",", ".", ";", "!", "?", ":", "\n"]

    /// Lower case, straight quotes, no accents: how both answers and lexicon entries are compared.
    public static func fold(_ text: String) -> String {
        var t = AnswerText.straightenQuotes(text).lowercased()
        // Plain ASCII has no accents to take off (Foundation's folding is comparatively slow).
        if !t.utf8.allSatisfy({ $0 < 0x80 }) { t = t.folding(options: .diacriticInsensitive, locale: nil) }
        return t
    }

    /// A lexicon entry ("hoe ik me voel", "m'n") as the words it matches.
    public static func phrase(_ text: String) -> [String] {
        Words(text).words
    }
}
