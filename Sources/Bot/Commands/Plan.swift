import ArgumentParser
import Dialog
import Foundation
import GRDB

extension Wegwijzer {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The ondersteuningsplan of an inwoner: goals in order, actions with who, when and status.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: PersonOption

        @Flag(help: "Also send the plan to the inwoner as a message (through the outbox; `serve` delivers it).")
        var send = false

        @OptionGroup var clock: ClockOption

        func run() throws {
            let database = try global.openDatabase()
            let library = try global.loadFlows()
            let id = try person.personID(in: database)
            print(try database.read { db in try SupportPlan.text(personID: id, library: library, in: db) })
            guard send else { return }
            let queued = try database.write { db in
                try SupportPlan.send(personID: id, library: library, at: clock.clock.now(), in: db)
            }
            guard let first = queued.first else { throw CLIError("this inwoner has no channel to send to") }
            print("queued \(queued.count) message\(queued.count == 1 ? "" : "s") on \(first.channel) for \(LogPrivacy.mask(first.address))")
        }
    }
}
