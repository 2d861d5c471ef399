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

    /// "Deel 2, vraag 3 van 8" in every golden transcript: within a part the number only goes up
    /// (but after TERUG) and the total never grows.
    @Test(arguments: names)
    func progressNeverGoesBackAndTheTotalNeverGrows(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let pattern = #/(?:Deel (\d+), v|V)raag (\d+)(?: van (\d+))?/#
        var last: (part: String, n: Int, total: Int?)?
        var wentBack = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("> "), ["terug", "back", "vorige"].contains(line.dropFirst(2).lowercased()) { wentBack = true }
            guard line.hasPrefix("< ") || line.hasPrefix("| "), let m = line.firstMatch(of: pattern) else { continue }
            let part = m.1.map(String.init) ?? ""
            let n = Int(m.2)!
            let total = m.3.flatMap { Int($0) }
            if let last, last.part == part {
                #expect(n >= last.n || wentBack, "\(name): question \(n) after \(last.n) in part \(part)")
                if let before = last.total, let total {
                    #expect(total <= before, "\(name): total \(total) after \(before) in part \(part)")
                }
                if last.total != nil, total == nil { #expect(n > last.total!, "\(name): the total is dropped before it is passed") }
            }
            if let total { #expect(n <= total, "\(name): question \(n) of \(total)") }
            last = (part, n, total ?? last.flatMap { $0.part == part ? $0.total : nil })
            wentBack = false
        }
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
