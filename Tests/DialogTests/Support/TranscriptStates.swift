@testable import Dialog
import Foundation
import Testing

extension TranscriptTests {
    /// The state after every step of a golden transcript, as the engine leaves it (no JSON round
    /// trip in between, unlike `Transcript.replay`), played the way `replay` plays it.
    static func states(of name: String) throws -> [Conversation] {
        let transcript = try Transcript(parsing: String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        let engine = try #require(DefaultFlows.library.engine(transcript.flow))
        var state = engine.newConversation(language: transcript.language)
        var now = transcript.start
        var states: [Conversation] = []
        for step in transcript.steps {
            let input: Input
            switch step {
            case .time(let spec):
                now = Transcript.move(now, by: spec, calendar: engine.environment.calendar) ?? now
                continue
            case .begin: input = .begin
            case .input(let text): input = .message(text)
            }
            state = engine.advance(state, with: input, at: now).state
            states.append(state)
        }
        return states
    }
}
