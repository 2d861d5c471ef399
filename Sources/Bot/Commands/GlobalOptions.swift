import ArgumentParser
import Dialog
import Foundation
import Logging

/// Options every subcommand takes.
package struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The store: a SQLite file, or postgres://USER@HOST:PORT/DB (default: $WEGWIJZER_DB, else wegwijzer.sqlite here).")
    package var db: String?

    @Option(name: .long, help: "A directory with edited flow and text files (default: the shipped ones).")
    package var flows: String?

    @Option(name: .long, help: "Durability of commits on SQLite: full (on disk when acknowledged) or normal.")
    package var durability: String = "full"

    package init() {}

    /// The SQLite file or the PostgreSQL URL, as given.
    package var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["WEGWIJZER_DB"] ?? "wegwijzer.sqlite"
    }

    /// Opens the store and brings it up to the current schema. A PostgreSQL URL gets a pool of
    /// `poolSize` connections; its password comes from `PGPASSWORD`, the secrets file
    /// (`WEGWIJZER_SECRETS_FILE`) or a `.pgpass` file, never from the URL.
    package func openDatabase(poolSize: Int = 2, logger: Logger = Self.quietLogger) throws -> AppDatabase {
        try Self.open(databasePath, durability: durability, poolSize: poolSize, logger: logger)
    }

    /// The same for a store named otherwise (`db copy --from --to`).
    package static func open(_ target: String, durability: String = "full", poolSize: Int = 2, logger: Logger) throws -> AppDatabase {
        if PostgresURL.looksLikeURL(target) {
            do {
                let url = try PostgresURL(target)
                let password = try PostgresPassword.find(for: url, environment: Self.environmentWithSecrets())
                return try AppDatabase.open(
                    postgres: url, password: password, poolSize: poolSize, logger: logger, at: WallClock.system.now())
            } catch let problem as PostgresURL.Problem {
                throw CLIError("--db: \(problem)")
            } catch {
                throw CLIError("cannot open the PostgreSQL store: \(error)")
            }
        }
        guard let mode = AppDatabase.Durability(rawValue: durability) else {
            throw ValidationError("--durability must be full or normal")
        }
        do {
            return try AppDatabase.open(path: target, durability: mode)
        } catch {
            throw CLIError("cannot open database \(target): \(error)")
        }
    }

    /// A command's logger: warnings and worse (`serve` logs more, with its own).
    package static var quietLogger: Logger {
        var logger = Logger(label: "wegwijzer")
        logger.logLevel = .warning
        return logger
    }

    /// The environment, with the secrets file's entries under it (the environment wins).
    private static func environmentWithSecrets() throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let path = environment["WEGWIJZER_SECRETS_FILE"] {
            for (key, value) in try ServeConfig.readSecretsFile(path) where environment[key] == nil { environment[key] = value }
        }
        return environment
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
