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
            let (stored, omgeving) = try database.read { db in
                (
                    try ConversationStore.state(personID: id, flowID: FlowLibrary.mainFlowID, in: db),
                    module == 1 ? try Self.sharedViews(inwonerID: id, in: db) : []
                )
            }
            guard let state = stored else { throw CLIError("this inwoner has no conversation yet") }
            let renderer = Renderer(catalog: library.catalog, language: state.language)
            print(renderer.render("spiegel.m\(module)", vars: state.vars).trimmingCharacters(in: .whitespacesAndNewlines))
            for comparison in omgeving {
                print("")
                print(renderer.render("spiegel.omgeving", vars: comparison.textVars).trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }

        /// Spiegelblad 1 shows the omgeving's views beside the inwoner's own, when the inwoner shares them.
        static func sharedViews(inwonerID: Int64, in db: any SQLConnection) throws -> [OmgevingComparison] {
            let own = try IntakeStore.scores(personID: inwonerID, in: db)
            return try OmgevingStore.views(inwonerID: inwonerID, in: db).filter { $0.status == "answered" && $0.share }
                .map { OmgevingComparison(view: $0, ownScores: own) }
        }
    }
}
