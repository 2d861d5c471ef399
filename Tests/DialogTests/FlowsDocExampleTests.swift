import Dialog
import Foundation
import Testing

/// The worked example of `docs/flows.md` (`docs/examples/buurtkamer.*`): it loads together with the
/// shipped flows, `FlowChecker` (what `wegwijzer flows check` runs) finds no problem, the doc shows
/// each file byte for byte, and the conversation shown is what the engine says.
/// `RECORD=1` rewrites the example's transcript and fails, as for the other golden transcripts.
struct FlowsDocExampleTests {
    static let root = DefaultFlows.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent("docs/examples")
    static let doc = root.appendingPathComponent("docs/flows.md")
    static let transcriptName = "buurtkamer.transcript.txt"

    static var exampleNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).sorted()
    }

    static func library() throws -> FlowLibrary {
        let yaml = exampleNames.filter { $0.hasSuffix(".yaml") }
        let files = try yaml.map { ($0, try String(contentsOf: examples.appendingPathComponent($0), encoding: .utf8)) }
        return try FlowLibrary(files: try DefaultFlows.files() + files)
    }

    @Test func theExampleFilesExist() {
        #expect(Self.exampleNames.contains("buurtkamer.flow.yaml"))
        #expect(Self.exampleNames.contains("buurtkamer.texts.yaml"))
        #expect(Self.exampleNames.contains(Self.transcriptName))
    }

    @Test func theExampleLoadsWithTheShippedFlowsAndHasNoProblems() throws {
        let library = try Self.library()
        #expect(library.flows["buurtkamer"] != nil)
        #expect(library.flows.count == DefaultFlows.library.flows.count + 1)
        let problems = FlowChecker.check(library)
        #expect(problems.isEmpty, "flows check: \(problems.map(\.description).joined(separator: "\n"))")
    }

    /// Each example file appears in the doc as a whole fenced block: the doc cannot drift from the files.
    @Test(arguments: exampleNames)
    func theDocShowsTheFileByteForByte(_ name: String) throws {
        let doc = try String(contentsOf: Self.doc, encoding: .utf8)
        let contents = try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
        #expect(contents.hasSuffix("\n"), "\(name) should end with a newline")
        let fence = name.hasSuffix(".yaml") ? "```yaml\n" : "```text\n"
        #expect(
            doc.contains(fence + contents + "```\n"),
            "docs/flows.md does not show docs/examples/\(name) as it is: copy the file into its fenced block")
    }

    @Test func theConversationInTheDocIsWhatTheEngineSays() throws {
        let url = Self.examples.appendingPathComponent(Self.transcriptName)
        let expected = try String(contentsOf: url, encoding: .utf8)
        let transcript = try Transcript(parsing: expected)
        #expect(transcript.flow == "buurtkamer")
        let engine = try #require(try Self.library().engine(transcript.flow))
        let actual = transcript.replay(with: engine)
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.transcriptName): review the diff, copy it into docs/flows.md, then run again without RECORD")
            return
        }
        #expect(!actual.contains("\n??"), "state did not survive a JSON round trip")
        if let difference = Transcript.difference(expected: expected, actual: actual) {
            Issue.record("\(Self.transcriptName) \(difference)")
        }
    }
}
