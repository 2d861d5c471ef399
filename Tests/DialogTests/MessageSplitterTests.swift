import Dialog
import Foundation
import Testing

/// A spiegelblad or plan goes out within 3 SMS segments a message, cut between lines (items) or
/// sentences, nothing lost or reordered.
struct MessageSplitterTests {
    static func segments(_ text: String) -> Int { SMSSegments.analyze(SMSText.gsm7Safe(text)).segments }

    @Test func aShortTextStaysWhole() {
        #expect(MessageSplitter.split("Dit heb ik genoteerd:\nGeld 6") == ["Dit heb ik genoteerd:\nGeld 6"])
    }

    @Test func aLongListIsCutBetweenItems() {
        let lines = (1...40).map { "\($0). Een stap met een beschrijving die wat langer is" }
        let parts = MessageSplitter.split(lines.joined(separator: "\n"))
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { Self.segments($0) <= 3 })
        #expect(parts.joined(separator: "\n") == lines.joined(separator: "\n"))
    }

    @Test func aLongLineIsCutBetweenSentences() {
        let line = (1...30).map { "Dit is zin \($0) van een heel lang verhaal." }.joined(separator: " ")
        let parts = MessageSplitter.split(line)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { Self.segments($0) <= 3 })
        #expect(parts.allSatisfy { $0.hasSuffix(".") })
    }

    @Test func aLongSpiegelbladGoesOutInPartsWithTheQuestionLast() throws {
        let engine = DefaultFlows.engine
        let long = String(repeating: "Ik ben iemand die veel geeft om anderen en graag helpt. ", count: 3).trimmingCharacters(
            in: .whitespaces)
        var state = engine.newConversation()
        var outputs: [Output] = []
        for line in ["hoi", "ja", "alles"] + Array(repeating: "7", count: 10) + ["1, 2 en 3", long, long, long, long] {
            let transition = engine.advance(state, with: .message(line), at: Date(timeIntervalSince1970: 1_795_424_400))
            state = transition.state
            outputs = transition.outputs
        }
        let messages = outputs.compactMap { if case .say(let key, let text) = $0, key == "m1.spiegel" { text } else { nil } }
        #expect(messages.count > 1)
        #expect(messages.allSatisfy { Self.segments($0) <= 3 })
        #expect(messages.last?.hasSuffix("Klopt dit? Antwoord ja of nee.") == true)
    }
}
