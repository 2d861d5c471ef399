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

        var values: [String: Any] {
            ["id": id, "name": name, "module": module, "lastContact": lastContact.map(WebFormat.dateTime) ?? "nog geen",
             "open": open, "overdue": overdue, "alerts": alerts, "hasOverdue": overdue > 0, "hasAlerts": alerts > 0, "optedOut": optedOut,
             "crisis": urgent > 0, "attention": overdue > 0 || alerts > 0]
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

    static let openStatuses = "('gepland', 'bezig', 'uitgesteld')"

    static func rows(professionalID: Int64, today: LocalDate, in db: Database) throws -> [Row] {
        try GRDB.Row.fetchAll(db, sql: """
            SELECT p.id, COALESCE(p.name, '') AS name, p.phone, p.optedOut,
                (SELECT COUNT(*) FROM moduleProgress m WHERE m.personId = p.id AND m.completedAt IS NOT NULL) AS done,
                (SELECT m.module FROM moduleProgress m WHERE m.personId = p.id AND m.completedAt IS NULL ORDER BY m.module DESC LIMIT 1) AS current,
                (SELECT MAX(createdAt) FROM message m WHERE m.personId = p.id AND m.direction = 'in') AS lastContact,
                (SELECT COUNT(*) FROM action a WHERE a.personId = p.id AND a.status IN \(openStatuses)) AS open,
                (SELECT COUNT(*) FROM action a WHERE a.personId = p.id AND a.status IN \(openStatuses) AND a.dueDate < ?) AS overdue,
                \(openAlerts(urgentOnly: false)) AS alerts, \(openAlerts(urgentOnly: true)) AS urgent
            FROM person p WHERE p.role = 'inwoner' AND p.professionalId = ?
            """, arguments: [today.description, professionalID]).map { row in
            let done: Int = row["done"]
            let current: String? = row["current"]
            let name: String = row["name"]
            return Row(id: row["id"], name: name.isEmpty ? "Inwoner \(WebFormat.masked(row["phone"]))" : name, modulesDone: done,
                       module: moduleText(done: done, current: current), lastContact: row["lastContact"],
                       open: row["open"], overdue: row["overdue"], alerts: row["alerts"], urgent: row["urgent"], optedOut: row["optedOut"])
        }
    }

    /// The count of open alerts about inwoner `p`, raised for them or for their network member or mantelzorger.
    private static func openAlerts(urgentOnly: Bool) -> String {
        """
        (SELECT COUNT(*) FROM alert al JOIN person ap ON ap.id = al.personId
         WHERE al.handledAt IS NULL \(urgentOnly ? "AND al.urgent = 1 " : "")AND al.personId IN (
            SELECT p.id UNION SELECT memberPersonId FROM networkMember WHERE personId = p.id AND memberPersonId IS NOT NULL
            UNION SELECT carerPersonId FROM mantelzorg WHERE personId = p.id AND carerPersonId IS NOT NULL)
         AND (\(AlertList.inwoner(ofAlertPerson: "ap"))) = p.id)
        """
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
