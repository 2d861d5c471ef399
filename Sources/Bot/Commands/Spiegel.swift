import ArgumentParser
import Dialog
import Foundation
import GRDB

extension Wegwijzer {
    struct Spiegel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The spiegelblad (summary) of one module.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: PersonOption

        @Option(help: "Module 1, 2 or 3.")
        var module: Int

        func validate() throws {
            guard (1...3).contains(module) else { throw ValidationError("--module must be 1, 2 or 3") }
        }

        func run() throws {
            let database = try global.openDatabase()
            let library = try global.loadFlows()
            let id = try person.personID(in: database)
            guard
                let state = try database.reader.read({ db in
                    try ConversationStore.state(personID: id, flowID: FlowLibrary.mainFlowID, in: db)
                })
            else { throw CLIError("this inwoner has no conversation yet") }
            let renderer = Renderer(catalog: library.catalog, language: state.language)
            print(renderer.render("spiegel.m\(module)", vars: state.vars).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
