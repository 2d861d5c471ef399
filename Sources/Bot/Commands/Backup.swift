import ArgumentParser
import Foundation

extension Wegwijzer {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A consistent copy of the database, also while `serve` runs and writes; readable by its owner only.",
            discussion:
                "Refuses to overwrite an existing file. Restore: stop serve, copy the file back in place of the database, start serve.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The new file to write the copy to.")
        var file: String

        func run() throws {
            guard !FileManager.default.fileExists(atPath: file) else {
                throw CLIError("\(file) exists already; a backup never overwrites a file")
            }
            let database = try global.openDatabase()
            do {
                let summary = try database.backup(to: file)
                print("backed up to \(file): \(summary.inwoners) inwoners, \(summary.messages) messages; integrity_check ok")
            } catch {
                throw CLIError("backup failed: \(error)")
            }
        }
    }
}
