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
                let changed = try database.writer.write { db in
                    try db.execute(sql: "UPDATE mantelzorg SET checkinEveryDays = ? WHERE carerPersonId = ?", arguments: [every, id])
                    return db.changesCount
                }
                guard changed > 0 else { throw CLIError("this phone is not a mantelzorger's") }
                print("check-ins every \(every) days")
            }
            let rows = try database.reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT c.askedAt, c.kind, c.status, c.score, c.band, p.name FROM checkin c JOIN person p ON p.id = c.carerPersonId
                    WHERE c.carerPersonId = ? OR c.inwonerId = ? ORDER BY c.id
                    """, arguments: [id, id])
            }
            guard !rows.isEmpty else { return print("no check-ins yet") }
            var previousQuick: Int?
            for row in rows {
                let kind: String = row["kind"]
                let score: Int? = row["score"]
                var line = "\(Self.day(row["askedAt"]))  \(row["name"] as String? ?? "-")  \(kind == "quick" ? "snel" : kind)  \(row["status"] as String)"
                if let score { line += "  score \(score)\(kind == "quick" ? "/10" : "")" }
                if let band: String = row["band"] { line += "  band \(band)" }
                if kind == "quick", let score {
                    if let previousQuick { line += score > previousQuick ? "  (hoger)" : score < previousQuick ? "  (lager)" : "  (gelijk)" }
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

    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open alerts for the professionals: urgent ones (a crisis) first, then oldest first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let database = try global.openDatabase()
            let rows = try database.reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT a.id, a.createdAt, a.kind, a.node, a.detail, a.urgent, p.phone, p.name FROM alert a JOIN person p ON p.id = a.personId
                    WHERE a.handledAt IS NULL ORDER BY a.urgent DESC, a.createdAt, a.id
                    """)
            }
            guard !rows.isEmpty else { return print("no open alerts") }
            for row in rows {
                let who = (row["name"] as String?) ?? (row["phone"] as String?).map(LogPrivacy.mask) ?? "inwoner \(row["id"] as Int64)"
                // An urgent alert stands out at the start of its line: someone may be in danger.
                var line = (row["urgent"] as Bool) ? "!! DRINGEND  " : ""
                line += "#\(row["id"] as Int64)  \(Checkins.day(row["createdAt"]))  \(row["kind"] as String)  \(who)"
                if let detail: String = row["detail"], !detail.isEmpty { line += "  \(detail)" } else if let node: String = row["node"] { line += "  \(node)" }
                print(line)
            }
        }
    }
}
