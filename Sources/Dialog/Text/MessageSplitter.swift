import Foundation

/// Keeps a long message (a spiegelblad, a plan) within a number of SMS segments by splitting it
/// into several messages at line boundaries, and a line that is too long by itself at the end of
/// a sentence. Counted as it goes out by SMS (GSM-7, pictograms dropped): other channels get
/// the same split, so a conversation reads the same everywhere.
public enum MessageSplitter {
    public static let maxSegments = 3

    public static func split(_ text: String, maxSegments: Int = maxSegments) -> [String] {
        guard !fits(text, maxSegments) else { return [text] }
        var parts: [String] = []
        var current = ""
        for piece in pieces(text, maxSegments) {
            let joined = current.isEmpty ? piece : current + "\n" + piece
            if fits(joined, maxSegments) {
                current = joined
            } else {
                if !current.isEmpty { parts.append(current) }
                current = piece
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    static func fits(_ text: String, _ maxSegments: Int) -> Bool {
        // Most texts are short enough to fit even in UCS-2 (67 units a part): no need to count.
        if text.utf16.count <= 67 * maxSegments { return true }
        return SMSSegments.analyze(SMSText.gsm7Safe(text)).segments <= maxSegments
    }

    /// The lines of the text; a line that does not fit alone is cut after its sentences.
    private static func pieces(_ text: String, _ maxSegments: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).flatMap { line -> [String] in
            guard !fits(line, maxSegments) else { return [line] }
            var sentences: [String] = []
            var sentence = ""
            for c in line {
                sentence.append(c)
                if ".!?".contains(c) {
                    sentences.append(sentence.trimmingCharacters(in: .whitespaces))
                    sentence = ""
                }
            }
            if !sentence.trimmingCharacters(in: .whitespaces).isEmpty { sentences.append(sentence.trimmingCharacters(in: .whitespaces)) }
            return sentences
        }
    }
}
