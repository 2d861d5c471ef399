import Dialog
import Foundation
import GRDB

/// Database rows as the variables a flow expects.
enum ActionVars {
    /// An action as `actie`: id, wat, wanneer, and `van`, the network member's name when one owns
    /// it (so a follow-up to the inwoner says whose step it is).
    static func action(_ id: Int64, in db: Database) throws -> Value {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.what, a.dueDate, a.dueTime, CASE a.ownerKind WHEN 'netwerk' THEN n.name END AS member
            FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId WHERE a.id = ?
            """, arguments: [id]) else { return .none }
        var due = Value.none
        if let date: String = row["dueDate"], let day = LocalDate(iso: date) {
            due = .date(day, (row["dueTime"] as String?).flatMap(LocalTime.init(iso:)))
        }
        var fields: [String: Value] = ["id": .number(Int(id)), "wat": .text(row["what"]), "wanneer": due]
        if let member: String = row["member"], !member.isEmpty { fields["van"] = .text(member) }
        return .record(fields)
    }

    /// The inwoner's network members with a phone who have not stopped, as options for "who".
    static func network(inwonerID: Int64, excluding: Int64? = nil, in db: Database) throws -> Value {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, localId, name, phone FROM networkMember
            WHERE personId = ? AND phone IS NOT NULL AND id IS NOT ? AND COALESCE(invitation, '') NOT IN ('stopped', 'declined')
            ORDER BY id
            """, arguments: [inwonerID, excluding])
        return .list(rows.map { .record(["id": .text($0["localId"]), "name": .text($0["name"]), "phone": .text($0["phone"])]) })
    }
}
