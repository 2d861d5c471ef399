import ArgumentParser
import Foundation
import Logging

extension Wegwijzer {
    struct Db: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Work with the store itself.", subcommands: [Copy.self])

        struct Copy: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy a whole SQLite store into an empty PostgreSQL database.",
                discussion: """
                    Every row of every table, with its id, in one transaction: a failure leaves the target empty. \
                    Stop serve first, so nothing is written to the SQLite file meanwhile. See docs/operations.md.
                    """)

            @Option(help: "The SQLite file to copy.")
            var from: String

            @Option(help: "The empty PostgreSQL database: postgres://USER@HOST:PORT/DB (the password as for --db).")
            var to: String

            func run() throws {
                guard FileManager.default.fileExists(atPath: from) else { throw CLIError("\(from) does not exist") }
                guard PostgresURL.looksLikeURL(to) else { throw CLIError("--to must be a postgres:// URL") }
                let logger = GlobalOptions.quietLogger
                let source = try GlobalOptions.open(from, logger: logger)
                let target = try GlobalOptions.open(to, logger: logger)
                defer { target.close() }
                do {
                    let summary = try StoreCopy.copy(from: source, to: target)
                    for (table, rows) in summary.rows.sorted(by: { $0.key < $1.key }) where rows > 0 {
                        print("\(table): \(rows)")
                    }
                    print("copied \(summary.rows.values.reduce(0, +)) rows in \(summary.rows.count) tables")
                } catch let refusal as StoreCopy.Refused {
                    throw CLIError("\(refusal)")
                } catch {
                    throw CLIError("copy failed, nothing was copied: \(error)")
                }
            }
        }
    }
}
