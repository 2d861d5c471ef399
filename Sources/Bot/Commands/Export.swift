import ArgumentParser
import Foundation
import GRDB

extension Wegwijzer {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "AVG inzage: everything stored about one inwoner as one JSON document.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: PersonOption

        func run() throws {
            let database = try global.openDatabase()
            let id = try person.personID(in: database)
            let document = try database.read { db in try PersonExport.document(personID: id, in: db) }
            print(String(decoding: document, as: UTF8.self))
        }
    }
}
