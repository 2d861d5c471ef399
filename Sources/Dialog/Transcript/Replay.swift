import Foundation

extension Transcript {
    /// Plays the transcript's inputs through the engine and writes the whole conversation in the
    /// transcript format. After every step the state goes through JSON and back, as it does in
    /// the store; a state that does not survive that is reported in the text.
    public func replay(with engine: Engine) -> String {
        var out = header
        var state = engine.newConversation(language: language)
        var now = start
        for step in steps {
            let input: Input
            switch step {
            case .time(let spec):
                out += "@ \(spec)\n"
                now = Transcript.move(now, by: spec, calendar: engine.environment.calendar) ?? now
                continue
            case .begin:
                out += "* begin\n"
                input = .begin
            case .input(let text):
                out += text.isEmpty ? ">\n" : "> \(text)\n"
                input = .message(text)
            }
            let transition = engine.advance(state, with: input, at: now)
            out += Transcript.render(transition.outputs)
            do {
                let decoded = try Conversation.decode(try transition.state.encoded())
                if decoded != transition.state { out += "?? state changed in a JSON round trip\n" }
                state = decoded
            } catch {
                out += "?? state did not survive JSON: \(error)\n"
                state = transition.state
            }
        }
        return out
    }
}
