import ArgumentParser
import Dialog
import Foundation

extension Wegwijzer {
    /// How Wegwijzer reads one answer: for flow authors and support staff.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how an answer is read: one line of JSON.",
            discussion: """
                TYPE is one of \(AnswerProbe.Kind.allCases.map(\.rawValue).joined(separator: ", ")).
                Prints {"understood": true, "value": ...} (with "confirm": true for a guess that is asked
                back) or {"understood": false, "reprompt": "..."}. For owner, --choice names the network
                as NAME or NAME:RELATION; for choice and choices, --choice gives the option labels.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The answer type.") var type: String
        @Argument(help: "What the person typed.") var text: String

        @Option(help: "The moment the answer is read at (ISO 8601); default: now.") var now: String?
        @Option(name: .customLong("choice"), help: "An option label (repeat for more).") var choices: [String] = []
        @Option(help: "The language of the re-prompt: nl or en.") var lang: String = "nl"

        func validate() throws {
            guard AnswerProbe.Kind(rawValue: type) != nil else {
                throw ValidationError("unknown type '\(type)'; known: \(AnswerProbe.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard Language(rawValue: lang) != nil else { throw ValidationError("--lang is nl or en") }
            if let now, ISO8601DateFormatter().date(from: now) == nil {
                throw ValidationError("--now is not an ISO 8601 time, for example 2026-12-04T10:00:00+01:00")
            }
        }

        func run() throws {
            let library = try global.loadFlows()
            let moment = now.flatMap { ISO8601DateFormatter().date(from: $0) } ?? WallClock.system.now()
            let probe = AnswerProbe(
                library: library, now: moment, calendar: DialogEnvironment.amsterdam.calendar,
                language: Language(rawValue: lang) ?? .nl)
            print(probe.read(text, as: AnswerProbe.Kind(rawValue: type)!, choices: choices).json)
        }
    }
}
