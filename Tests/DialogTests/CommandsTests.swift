import Testing

@testable import Dialog

struct CommandsTests {
    @Test func aWordFindsItsCommandAndLanguage() {
        var commands = Commands()
        commands.words = [.stop: ["stop", "stoppen"], .help: ["help", "hulp"]]
        commands.languages = [.en: ["english"], .nl: ["nederlands"]]
        #expect(commands.command(folded: "stoppen") == .stop)
        #expect(commands.command(folded: "hulp") == .help)
        #expect(commands.command(folded: "hoi") == nil)
        #expect(commands.language(folded: "english") == .en)
        #expect(commands.language(folded: "stop") == nil)
        // Changed words are found at once.
        commands.words[.skip] = ["overslaan"]
        #expect(commands.command(folded: "overslaan") == .skip)
        commands.words[.stop] = nil
        #expect(commands.command(folded: "stop") == nil)
    }

    @Test func aWordOfTwoCommandsMeansTheFirstOfAllCases() {
        var commands = Commands()
        commands.words = [.pause: ["wacht"], .skip: ["wacht"]]
        let first = Command.allCases.first { $0 == .pause || $0 == .skip }
        #expect(commands.command(folded: "wacht") == first)
    }

    @Test func theFlowsCommandWordsAreFoundFromTheMessage() throws {
        let flow = try #require(DefaultFlows.library.flows[FlowLibrary.mainFlowID])
        #expect(!flow.commands.words.isEmpty)
        for (command, words) in flow.commands.words {
            for word in words { #expect(flow.commands.command(folded: AnswerText.fold(word.uppercased())) != nil, "\(command) \(word)") }
        }
    }
}
