import Dialog
import Foundation
import Testing

/// Realistic answers with how they must be read (`Tables/answers.tsv`): people's own phrasing,
/// typos, dialect, refusals that must not be misread. Each row is `TYPE<TAB>TEXT<TAB>EXPECTED`:
/// `= VALUE` read surely, `? VALUE` a guess asked back, `x` not understood. Read as
/// `wegwijzer parse` reads them, on Friday 4 December 2026 at 10:00.
struct AnswerTableTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Tables/answers.tsv")
    static let now = ISO8601DateFormatter().date(from: "2026-12-04T10:00:00+01:00")!
    /// The owner question's network in the table.
    static let network = ["Ans:zus", "Karim:buurman", "Sanne:dochter"]

    struct Row: Sendable {
        var line: Int
        var kind: AnswerProbe.Kind
        var text: String
        var expected: String
    }

    static func rows() throws -> [Row] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .compactMap { n, line -> Row? in
                guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard columns.count == 3, let kind = AnswerProbe.Kind(rawValue: columns[0]) else {
                    throw TableError(line: n + 1, text: String(line))
                }
                return Row(line: n + 1, kind: kind, text: columns[1], expected: columns[2])
            }
    }

    struct TableError: Error, CustomStringConvertible {
        let line: Int
        let text: String
        var description: String { "answers.tsv:\(line): not TYPE<TAB>TEXT<TAB>EXPECTED: \(text)" }
    }

    /// The expectation in the table's own notation, from what `wegwijzer parse` prints.
    static func notation(_ result: AnswerProbe.Result) -> String {
        guard result.understood, let value = result.value else { return "x" }
        let plain = value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : value
        return (result.confirm ? "? " : "= ") + plain
    }

    @Test func tableIsLargeAndCoversEveryType() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 600)
        for kind in AnswerProbe.Kind.allCases where kind != .person && kind != .people {
            #expect(rows.filter { $0.kind == kind }.count >= 30, "few rows of \(kind.rawValue)" as Comment)
        }
        #expect(rows.filter { $0.expected == "x" }.count >= 100, "refusals that must not be misread" as Comment)
    }

    @Test func everyAnswerIsReadAsTheTableSays() throws {
        let probe = AnswerProbe(library: DefaultFlows.library, now: Self.now, calendar: DialogEnvironment.amsterdam.calendar)
        var failures: [String] = []
        for row in try Self.rows() {
            let result = probe.read(row.text, as: row.kind, choices: row.kind == .owner ? Self.network : [])
            let actual = Self.notation(result)
            if actual != row.expected {
                failures.append("answers.tsv:\(row.line) \(row.kind.rawValue) \"\(row.text)\": expected \(row.expected), read \(actual)")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) answers read wrongly:\n" + failures.joined(separator: "\n")))
    }
}
