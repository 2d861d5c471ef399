import ArgumentParser
import Dialog
import Foundation

extension Wegwijzer {
    struct Chat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Talk with Wegwijzer on stdin: one line is one message. EOF ends; the next run resumes.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "The inwoner's phone number (default: a local chat without a number).")
        var phone: String?

        @Option(help: "Language for a new conversation: nl or en.")
        var lang: Language?

        @OptionGroup var clock: ClockOption

        @Option(help: "Write the conversation to this file in the golden-transcript format.")
        var transcript: String?

        @Option(help: "Name this input stream: line N gets the id NAME:N, so a re-run of the same input skips lines already applied.")
        var session: String?

        func run() throws {
            let service = try ConversationService(database: try global.openDatabase(), library: try global.loadFlows())
            let chat = ChatSession(
                service: service, clock: clock.clock, phone: try phone.map(normalizedPhone),
                language: lang, session: session, transcriptPath: transcript)
            try chat.run(readLine: { readLine(strippingNewline: true) }, write: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        }
    }
}
