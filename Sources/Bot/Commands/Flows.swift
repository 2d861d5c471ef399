import ArgumentParser
import Dialog
import Foundation

extension Wegwijzer {
    struct Flows: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Work with flow files.", subcommands: [Check.self])

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Validate a flow directory: references, reachability, texts in every language, SMS length and GSM-7.")

            @Argument(help: "The directory to check (default: the shipped flows).")
            var directory: String?

            func run() throws {
                let library: FlowLibrary
                do { library = try FlowFiles.load(directory: directory) } catch { throw CLIError("\(error)") }
                let errors = FlowChecker.check(library)
                for error in errors { printError(error.description) }
                guard errors.isEmpty else { throw ExitCode(1) }
                print("OK: \(library.flows.count) flow(s), \(library.catalog.entries.count) texts, no problems found")
                if library.socialMap.isExample {
                    // Not a problem for the check, but inwoners must never be pointed to made-up places.
                    print(
                        "Note: \(SocialMap.fileName) is the fictitious example (voorbeeld: true); replace it with the gemeente's own sociale kaart"
                    )
                }
            }
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
