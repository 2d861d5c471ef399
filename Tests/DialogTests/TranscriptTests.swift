import Dialog
import Foundation
import Testing

/// Replays every golden transcript in `Transcripts/` through the engine and compares the whole
/// conversation. `RECORD=1 swift test` rewrites the files and fails, so each change is reviewed.
struct TranscriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func transcriptsExist() {
        #expect(Self.names.count >= 10, "golden transcripts are missing from \(Self.directory.path)")
    }

    @Test(arguments: names)
    func replay(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        let transcript = try Transcript(parsing: expected)
        let engine = try #require(DefaultFlows.library.engine(transcript.flow))
        let actual = transcript.replay(with: engine)
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name): review the diff, then run again without RECORD")
            return
        }
        #expect(!actual.contains("\n??"), "state did not survive a JSON round trip in \(name)")
        if let difference = Transcript.difference(expected: expected, actual: actual) {
            Issue.record("\(name) \(difference)")
        }
    }
}
