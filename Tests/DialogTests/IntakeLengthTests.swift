import Dialog
import Foundation
import Testing

/// The scripted intakes of `scripts/bench` (`bench/intakes/`): each is understood from start to
/// end, and a typical one (three leefgebieden to change, two people, no mantelzorg) takes at most
/// 45 messages.
struct IntakeLengthTests {
    static let directory = DefaultFlows.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("bench/intakes")

    static func lines(_ name: String) throws -> [String] {
        try String(contentsOf: directory.appendingPathComponent("\(name).txt"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["short", "typical", "long"])
    func everyAnswerIsUnderstoodToTheEnd(_ name: String) throws {
        let engine = DefaultFlows.engine
        var state = engine.newConversation()
        var now = ISO8601DateFormatter().date(from: "2026-11-23T10:00:00+01:00")!
        var outputs: [Output] = []
        for line in try Self.lines(name) {
            let transition = engine.advance(state, with: .message(line), at: now)
            outputs += transition.outputs
            state = transition.state
            now += 60
        }
        #expect(state.finished, "\(name) does not reach the end of the intake")
        #expect(state.vars["plan_klaar"] == .bool(true))
        let alerts = outputs.compactMap { if case .alert(let kind, let node, _) = $0 { "\(kind.rawValue) \(node)" } else { nil } }
        #expect(alerts.isEmpty, "\(name): \(alerts)")
        let reprompts = outputs.compactMap { if case .say(let key, _) = $0, key.hasPrefix("reprompt.") { key } else { nil } }
        #expect(reprompts.isEmpty, "\(name) was not understood at \(reprompts)")
        #expect(outputs.contains { if case .record("action", _, _) = $0 { true } else { false } })
    }

    @Test func aTypicalIntakeTakesAtMost45Messages() throws {
        #expect(try Self.lines("typical").count <= 45)
    }
}
