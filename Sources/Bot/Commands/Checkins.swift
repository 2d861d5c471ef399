import ArgumentParser
import Foundation
import GRDB

extension Wegwijzer {
    struct Checkins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The check-in history of a mantelzorger (by their phone), or of everyone caring for an inwoner.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: PersonOption

        @Option(help: "Check in with this mantelzorger every N days from now on (default 14).")
        var every: Int?

        func validate() throws {
            if let every, !(1...90).contains(every) { throw ValidationError("--every must be between 1 and 90 days") }
        }

        func run() throws {
            let database = try global.openDatabase()
            let id = try person.personID(in: database)
            if let every {
                let changed = try database.write { db in try CarerStore.setCheckinInterval(days: every, carerPersonID: id, in: db) }
                guard changed else { throw CLIError("this phone is not a mantelzorger's") }
                print("check-ins every \(every) days")
            }
            let checkins = try database.read { db in try CarerStore.checkins(involving: id, in: db) }
            guard !checkins.isEmpty else { return print("no check-ins yet") }
            var previousQuick: Int?
            for checkin in checkins {
                let kind = checkin.kind
                let score = checkin.score
                var line =
                    "\(Self.day(checkin.askedAt))  \(checkin.carerName ?? "-")  \(kind == "quick" ? "snel" : kind)  \(checkin.status)"
                if let score { line += "  score \(score)\(kind == "quick" ? "/10" : "")" }
                if let band = checkin.band { line += "  band \(band)" }
                if kind == "quick", let score {
                    if let previousQuick {
                        line += score > previousQuick ? "  (hoger)" : score < previousQuick ? "  (lager)" : "  (gelijk)"
                    }
                    previousQuick = score
                }
                print(line)
            }
        }

        static func day(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
            return formatter.string(from: date)
        }
    }
}
