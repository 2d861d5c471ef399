import Dialog
import Foundation
import Testing

/// Messages that are no answer (`Tables/signals.tsv`): crises, things people tell, questions
/// back, complaints, and look-alikes that are none of these. No crisis may be missed; false
/// alarms among the look-alikes stay under 5 %.
struct SignalTableTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Tables/signals.tsv")

    static func rows() throws -> [(line: Int, category: String, text: String)] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .compactMap { n, line in
                guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
                let columns = line.split(separator: "\t", maxSplits: 1).map(String.init)
                guard columns.count == 2 else { throw AnswerTableTests.TableError(line: n + 1, text: String(line)) }
                return (n + 1, columns[0], columns[1])
            }
    }

    static func category(_ text: String) -> String {
        let signals = DefaultFlows.library.signals
        let words = Words(text)
        if signals.crisis(in: words) != nil { return "crisis" }
        switch signals.other(in: words) {
        case .question?: return "question"
        case .disclosure?: return "disclosure"
        case .complaint?: return "complaint"
        case .crisis?, nil: return "none"
        }
    }

    @Test func tableIsLargeEnough() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 150)
        #expect(rows.filter { $0.category == "crisis" }.count >= 50)
        #expect(rows.filter { $0.category == "none" }.count >= 30)
    }

    @Test func noCrisisIsMissed() throws {
        let missed = try Self.rows().filter { $0.category == "crisis" && Self.category($0.text) != "crisis" }
        #expect(
            missed.isEmpty,
            Comment(rawValue: "missed crises:\n" + missed.map { "signals.tsv:\($0.line) \($0.text)" }.joined(separator: "\n")))
    }

    @Test func fewFalseAlarms() throws {
        let calm = try Self.rows().filter { $0.category != "crisis" }
        let alarms = calm.filter { Self.category($0.text) == "crisis" }
        #expect(
            Double(alarms.count) < 0.05 * Double(calm.count),
            Comment(
                rawValue: "\(alarms.count) of \(calm.count) false alarms:\n"
                    + alarms.map { "signals.tsv:\($0.line) \($0.text)" }.joined(separator: "\n")))
    }

    @Test func otherMessagesAreRecognised() throws {
        let rows = try Self.rows().filter { $0.category != "crisis" }
        let wrong = rows.filter { Self.category($0.text) != $0.category }
        // Each of these gets a calm acknowledgement and the question again, or a re-prompt: a wrong
        // kind is a worse reply, never a missed crisis. Most must be right.
        #expect(
            Double(wrong.count) <= 0.1 * Double(rows.count),
            Comment(
                rawValue: "\(wrong.count) of \(rows.count) read as another kind:\n"
                    + wrong.map { "signals.tsv:\($0.line) \($0.category) read as \(Self.category($0.text)): \($0.text)" }.joined(
                        separator: "\n")))
    }
}
