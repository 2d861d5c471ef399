import Dialog
import Foundation
import GRDB

/// Which inwoners a professional may see (their caseload) and the inwoners on nobody's caseload
/// yet, with the numbers the caseload page shows. Reads only; assigning is `ProfessionalStore.assign`.
enum CaseloadStore {
    /// One inwoner on a caseload, with where they are and what needs attention.
    struct Entry: Sendable, Equatable {
        var id: Int64
        /// Empty when the inwoner has not told their name.
        var name: String
        var phone: String?
        var optedOut: Bool
        /// Modules completed, 0 to 3.
        var modulesDone: Int
        /// The highest module begun and not yet completed ("m2"), if any.
        var currentModule: String?
        /// When the inwoner last wrote to us, on any channel.
        var lastContact: Date?
        /// Actions still open (`ActionFacts.openStatuses`).
        var open: Int
        /// Open actions whose due day lies before `today`.
        var overdue: Int
        /// Open alerts about the inwoner: raised for them, or for their network member or mantelzorger.
        var alerts: Int
        /// The urgent ones (a crisis) among `alerts`.
        var urgent: Int
    }

    /// An inwoner who wrote in by themselves and is on nobody's caseload.
    struct Unassigned: Sendable, Equatable {
        var id: Int64
        /// Empty when the inwoner has not told their name.
        var name: String
        var phone: String?
        var createdAt: Date
    }

    /// Every inwoner on the professional's caseload, in no promised order (the page sorts them).
    /// `today` is the inwoner's calendar day that decides what is overdue.
    static func entries(professionalID: Int64, today: LocalDate, in db: any SQLConnection) throws -> [Entry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, COALESCE(p.name, '') AS name, p.phone, p.optedOut,
                    (SELECT COUNT(*) FROM moduleProgress m WHERE m.personId = p.id AND m.completedAt IS NOT NULL) AS done,
                    (SELECT m.module FROM moduleProgress m WHERE m.personId = p.id AND m.completedAt IS NULL ORDER BY m.module DESC LIMIT 1) AS current,
                    (SELECT MAX(createdAt) FROM message m WHERE m.personId = p.id AND m.direction = 'in') AS lastContact,
                    (SELECT COUNT(*) FROM action a WHERE a.personId = p.id AND a.status IN \(openStatuses)) AS open,
                    (SELECT COUNT(*) FROM action a WHERE a.personId = p.id AND a.status IN \(openStatuses) AND a.dueDate < ?) AS overdue,
                    \(openAlerts(urgentOnly: false)) AS alerts, \(openAlerts(urgentOnly: true)) AS urgent
                FROM person p WHERE p.role = 'inwoner' AND p.professionalId = ?
                """, arguments: [today.description, professionalID]
        ).map { row in
            Entry(
                id: row["id"], name: row["name"], phone: row["phone"], optedOut: row["optedOut"], modulesDone: row["done"],
                currentModule: row["current"], lastContact: row["lastContact"], open: row["open"], overdue: row["overdue"],
                alerts: row["alerts"], urgent: row["urgent"])
        }
    }

    /// True when the person is an inwoner on this professional's caseload: the one check before a
    /// professional sees or changes anything about them.
    static func isOnCaseload(personID: Int64, professionalID: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM person WHERE id = ? AND role = 'inwoner' AND professionalId = ?",
            arguments: [personID, professionalID]) == true
    }

    /// Inwoners on nobody's caseload, the longest waiting first (by when they were made, then id),
    /// at most `limit`.
    static func unassigned(limit: Int, in db: any SQLConnection) throws -> [Unassigned] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, COALESCE(name, '') AS name, phone, createdAt FROM person
                WHERE role = 'inwoner' AND professionalId IS NULL ORDER BY createdAt, id LIMIT ?
                """, arguments: [limit]
        ).map { Unassigned(id: $0["id"], name: $0["name"], phone: $0["phone"], createdAt: $0["createdAt"]) }
    }

    /// True when the person is an inwoner on nobody's caseload (false for anyone else or an unknown id).
    static func isUnassigned(personID: Int64, in db: any SQLConnection) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM person WHERE id = ? AND role = 'inwoner' AND professionalId IS NULL",
            arguments: [personID]) == true
    }

    /// The open statuses as an SQL list, from the one rule in `ActionFacts`.
    private static let openStatuses = "(" + ActionFacts.openStatuses.sorted().map { "'\($0)'" }.joined(separator: ", ") + ")"

    /// The count of open alerts about inwoner `p`, raised for them or for their network member or mantelzorger.
    private static func openAlerts(urgentOnly: Bool) -> String {
        """
        (SELECT COUNT(*) FROM alert al JOIN person ap ON ap.id = al.personId
         WHERE al.handledAt IS NULL \(urgentOnly ? "AND al.urgent " : "")AND al.personId IN (
            SELECT p.id UNION SELECT memberPersonId FROM networkMember WHERE personId = p.id AND memberPersonId IS NOT NULL
            UNION SELECT carerPersonId FROM mantelzorg WHERE personId = p.id AND carerPersonId IS NOT NULL)
         AND (\(AlertStore.inwonerSQL(ofAlertPerson: "ap"))) = p.id)
        """
    }
}
