import Dialog
import Foundation
import GRDB

/// Database rows as the variables a flow expects.
enum ActionVars {
    /// An action as `actie` (`ActionFacts.flowValue`).
    static func action(_ id: Int64, in db: any SQLConnection) throws -> Value {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT a.what, a.dueDate, a.dueTime, CASE a.ownerKind WHEN 'netwerk' THEN n.name END AS member
                        FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId WHERE a.id = ?
                        """), arguments: [id])
        else { return .none }
        return ActionFacts.flowValue(
            id: id, what: row["what"], due: (row["dueDate"] as String?).flatMap(LocalDate.init(iso:)),
            time: (row["dueTime"] as String?).flatMap(LocalTime.init(iso:)), member: row["member"])
    }

    /// The inwoner's network members with a phone who have not stopped, as options for "who".
    static func network(inwonerID: Int64, excluding: Int64? = nil, in db: any SQLConnection) throws -> Value {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, localId, name, phone FROM networkMember
                    WHERE personId = ? AND phone IS NOT NULL AND id IS DISTINCT FROM ? AND COALESCE(invitation, '') NOT IN ('stopped', 'declined')
                    ORDER BY id
                    """), arguments: [inwonerID, excluding])
        return .list(rows.map { .record(["id": .text($0["localId"]), "name": .text($0["name"]), "phone": .text($0["phone"])]) })
    }
}
