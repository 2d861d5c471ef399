import Dialog
import Foundation
import GRDB

/// The inwoners on one professional's caseload, with where they are and what needs attention.
struct Caseload {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var modulesDone: Int
        var module: String
        var lastContact: Date?
        var open: Int
        var overdue: Int
        var alerts: Int
        /// Open urgent alerts (a crisis) among them.
        var urgent: Int
        var optedOut: Bool
        /// The leefgebieden the inwoner wants to talk about, by their labels, earliest marked first.
        var talk: [String] = []

        var values: [String: Any] {
            var values: [String: Any] = [
                "id": id, "name": name, "module": module, "lastContact": lastContact.map(WebFormat.dateTime) ?? "nog geen",
                "open": open, "overdue": overdue, "alerts": alerts, "hasOverdue": overdue > 0, "hasAlerts": alerts > 0,
                "optedOut": optedOut,
                "crisis": urgent > 0, "attention": overdue > 0 || alerts > 0
            ]
            if !talk.isEmpty { values["talk"] = talk.joined(separator: ", ") }
            return values
        }
    }

    enum Sort: String, CaseIterable {
        case naam, voortgang, contact, open, verlopen, signalen

        var label: String {
            switch self {
            case .naam: "Naam"
            case .voortgang: "Voortgang"
            case .contact: "Laatste contact"
            case .open: "Open acties"
            case .verlopen: "Verlopen"
            case .signalen: "Signalen"
            }
        }
    }

    /// `label` names a leefgebied by its key.
    static func rows(professionalID: Int64, today: LocalDate, label: (String) -> String, in db: any SQLConnection) throws -> [Row] {
        let talk = try TalkStore.open(professionalID: professionalID, in: db)
        return try CaseloadStore.entries(professionalID: professionalID, today: today, in: db).map { entry in
            Row(
                id: entry.id, name: entry.name.isEmpty ? "Inwoner \(WebFormat.masked(entry.phone))" : entry.name,
                modulesDone: entry.modulesDone,
                module: moduleText(done: entry.modulesDone, current: entry.currentModule), lastContact: entry.lastContact,
                open: entry.open, overdue: entry.overdue, alerts: entry.alerts, urgent: entry.urgent, optedOut: entry.optedOut,
                talk: (talk[entry.id] ?? []).map(label))
        }
    }

    static func moduleText(done: Int, current: String?) -> String {
        if done >= 3 { return "klaar (3 van 3)" }
        if let current, let n = current.last?.wholeNumberValue { return "module \(n) bezig (\(done) van 3 klaar)" }
        return done == 0 ? "nog niet begonnen" : "\(done) van 3 klaar"
    }

    static func sorted(_ rows: [Row], by sort: Sort) -> [Row] {
        rows.sorted { a, b in
            switch sort {
            case .naam: return a.name.localizedCaseInsensitiveCompare(b.name) == .orderedAscending
            case .voortgang: return (a.modulesDone, a.name) < (b.modulesDone, b.name)
            case .contact: return (a.lastContact ?? .distantPast) > (b.lastContact ?? .distantPast)
            case .open: return (a.open, b.name) > (b.open, a.name)
            case .verlopen: return (a.overdue, b.name) > (b.overdue, a.name)
            case .signalen: return (a.urgent, a.alerts, b.name) > (b.urgent, b.alerts, a.name)
            }
        }
    }
}
