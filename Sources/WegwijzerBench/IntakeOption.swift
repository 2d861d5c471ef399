import ArgumentParser
import Bot
import Dialog
import Foundation

/// The `--inputs` of the bench commands that replay an intake.
struct IntakeOption: ParsableArguments {
    @Option(help: "A file with one inwoner message per line (a whole intake).")
    var inputs: String

    /// The messages of the intake, one per line.
    func lines() throws -> [String] {
        guard let text = try? String(contentsOfFile: inputs, encoding: .utf8) else { throw CLIError("cannot read \(inputs)") }
        return text.split(separator: "\n").map(String.init)
    }
}
