import ArgumentParser
import Bot
import Dialog
import Foundation
import GRDB

struct BenchSeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Fill a database with inwoners mid-conversation, each with a goal, actions and pending reminders.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many inwoners.")
    var inwoners: Int

    @Option(help: "When the first reminder of every inwoner is due (ISO 8601; default: two days from now).")
    var due: String?

    func run() throws {
        guard inwoners > 0, inwoners < 10_000_000 else { throw ValidationError("--inwoners must be between 1 and 9,999,999") }
        // Pending means in the future: reminders already due would be sent by the server under test.
        guard let dueAt = due.map({ ISO8601DateFormatter().date(from: $0) }) ?? Date().addingTimeInterval(2 * 86_400) else {
            throw ValidationError("--due must be ISO 8601")
        }
        let library = try global.loadFlows()
        guard let engine = library.engine() else { throw CLIError("no main flow") }
        // Every inwoner is where a real intake is after three answers: at the first score question.
        let now = dueAt.addingTimeInterval(-86_400)
        var state = engine.advance(engine.newConversation(), with: .begin, at: now).state
        for line in ["hoi", "ja", "1 en 2"] { state = engine.advance(state, with: .message(line), at: now).state }
        let json = String(decoding: try state.encoded(), as: UTF8.self)
        let database = try AppDatabase.open(path: global.databasePath, durability: .normal)
        let started = Date()
        let chunk = 20_000
        for first in stride(from: 0, to: inwoners, by: chunk) {
            try database.writer.write { db in
                try SeedRows.insert(Array(first..<min(first + chunk, inwoners)), state: state, json: json, now: now, dueAt: dueAt, in: db)
            }
        }
        // The server measured next starts with an empty WAL, not with a checkpoint of the whole load.
        try database.checkpoint()
        print(#"{"inwoners": \#(inwoners), "seconds": \#(Date().timeIntervalSince(started))}"#)
    }
}
