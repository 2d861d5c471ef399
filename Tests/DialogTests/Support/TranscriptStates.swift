import Foundation
import Testing

@testable import Dialog

extension TranscriptTests {
    /// The state after every step of a golden transcript, as the engine leaves it (no JSON round
    /// trip in between, unlike `Transcript.replay`).
    static func states(of name: String) throws -> [Conversation] {
        let transcript = try Transcript(parsing: String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        let engine = try #require(DefaultFlows.library.engine(transcript.flow))
        return try EngineTests.play(transcript, with: engine).map(\.state)
    }
}
