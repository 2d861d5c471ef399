import ArgumentParser
import Foundation
import GRDB

extension Wegwijzer {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open alerts for the professionals: urgent ones (a crisis) first, then oldest first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let database = try global.openDatabase()
            let alerts = try database.read { db in try AlertStore.allOpen(in: db) }
            guard !alerts.isEmpty else { return print("no open alerts") }
            for alert in alerts {
                let who = alert.name ?? alert.phone.map(LogPrivacy.mask) ?? "inwoner \(alert.id)"
                // An urgent alert stands out at the start of its line: someone may be in danger.
                var line = alert.urgent ? "!! DRINGEND  " : ""
                line += "#\(alert.id)  \(Checkins.day(alert.createdAt))  \(alert.kind)  \(who)"
                if let detail = alert.detail, !detail.isEmpty {
                    line += "  \(detail)"
                } else if let node = alert.node {
                    line += "  \(node)"
                }
                print(line)
            }
        }
    }
}
