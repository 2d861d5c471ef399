import ArgumentParser
import Dialog
import Foundation

/// Options every subcommand takes.
package struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $WEGWIJZER_DB, else wegwijzer.sqlite here).")
    package var db: String?

    @Option(name: .long, help: "A directory with edited flow and text files (default: the shipped ones).")
    package var flows: String?

    @Option(name: .long, help: "Durability of commits: full (on disk when acknowledged) or normal.")
    package var durability: String = "full"

    package init() {}

    package var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["WEGWIJZER_DB"] ?? "wegwijzer.sqlite"
    }

    package func openDatabase() throws -> AppDatabase {
        guard let mode = AppDatabase.Durability(rawValue: durability) else {
            throw ValidationError("--durability must be full or normal")
        }
        do {
            return try AppDatabase.open(path: databasePath, durability: mode)
        } catch {
            throw CLIError("cannot open database \(databasePath): \(error)")
        }
    }

    package func loadFlows() throws -> FlowLibrary {
        do { return try FlowFiles.load(directory: flows) } catch { throw CLIError("\(error)") }
    }

    /// One more load of the flow files per core, for the turns worked out beside the writer
    /// (`EnginePool`).
    package func loadPreparerFlows() throws -> [FlowLibrary] {
        try (0..<ProcessInfo.processInfo.activeProcessorCount).map { _ in try loadFlows() }
    }
}
