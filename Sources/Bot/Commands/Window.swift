import ArgumentParser
import Dialog
import Foundation
import GRDB

extension Wegwijzer {
    struct Window: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set one person's own send window (when Wegwijzer may write first).",
            discussion:
                #"Example: wegwijzer window --phone 0612345678 --set '{"days": ["mon","tue","wed","thu","fri"], "start": "10:00", "end": "18:00"}'"#
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: PersonOption
        @OptionGroup var time: ClockOption

        @Option(help: "The window as JSON (days, start, end, exclude_holidays, time_zone); missing keys take the defaults.")
        var set: String?

        @Flag(help: "Go back to the deployment's window.")
        var clear = false

        func run() throws {
            let database = try global.openDatabase()
            let id = try person.personID(in: database)
            if clear {
                try database.write { db in try PersonStore.setSendWindow(nil, personID: id, in: db) }
            } else if let set {
                do {
                    _ = try JSONDecoder().decode(SendWindow.self, from: Data(set.utf8))
                } catch {
                    throw CLIError("not a valid send window: \(error)")
                }
                try database.write { db in try PersonStore.setSendWindow(set, personID: id, in: db) }
                // Jobs already planned move with the new window.
                let library = try global.loadFlows()
                let service = try ConversationService(database: database, library: library)
                let now = time.clock.now()
                try database.write { db in
                    for actionID in try PlanStore.actionIDs(personID: id, in: db) {
                        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
                    }
                }
            }
            let current = try database.read { db in try PersonStore.sendWindow(personID: id, in: db) }
            print(current.map { "own window: \($0)" } ?? "the deployment's window (schedule.yaml)")
        }
    }
}
