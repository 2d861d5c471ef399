import Foundation
import GRDB

/// One JSON document with everything stored about a person (AVG right of access).
enum PersonExport {
    static func document(personID: Int64, in db: any SQLConnection) throws -> Data {
        func rows(_ sql: String) throws -> [[String: Any]] {
            try Row.fetchAll(db, sql: sql, arguments: [personID]).map(json)
        }
        let person = try rows("SELECT id, role, phone, name, language, optedOut, createdAt FROM person WHERE id = ?").first ?? [:]
        var goals = try rows("SELECT id, localId, text, leefgebied, rank, status, createdAt FROM goal WHERE personId = ? ORDER BY rank, id")
        for index in goals.indices {
            let goalID = goals[index]["id"] as? Int64 ?? 0
            goals[index]["actions"] = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.what, CASE a.ownerKind WHEN 'netwerk' THEN COALESCE(n.name, 'netwerk') ELSE a.ownerKind END AS who,
                           a.ownerKind, a.voorziening, a.specialist, a.dueDate || COALESCE('T' || a.dueTime, '') AS due, a.status,
                           a.result
                    FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId
                    WHERE a.goalId = ? ORDER BY a.id
                    """, arguments: [goalID]
            ).map(json)
        }
        let document: [String: Any] = [
            "person": person,
            "contacts": try rows("SELECT channel, address FROM contact WHERE personId = ?"),
            "consents": try rows(
                "SELECT purpose, granted, subject, textKey, textShown, flowVersion, channel, createdAt FROM consent WHERE personId = ? ORDER BY id"
            ),
            "scores": try rows("SELECT leefgebied, score, wantsChange, createdAt FROM score WHERE personId = ? ORDER BY id"),
            "strengths": try rows("SELECT kind, text, createdAt FROM strength WHERE personId = ? ORDER BY id"),
            "wishes": try rows("SELECT localId, leefgebied, wens, behoefte, zelf, hulp FROM wish WHERE personId = ? ORDER BY id"),
            "hulpbronnen": try rows("SELECT wishLocalId, text, kinds, has, createdAt FROM hulpbron WHERE personId = ? ORDER BY id"),
            "network": try rows(
                "SELECT name, relation, helps, support, closeness, phone FROM networkMember WHERE personId = ? ORDER BY id"),
            "mantelzorg": try rows("SELECT direction, name, hours, phone, checkin FROM mantelzorg WHERE personId = ? ORDER BY id"),
            // The omgeving's views: given about this inwoner, or given by this person about someone.
            "omgeving": try Row.fetchAll(
                db,
                sql: """
                    SELECT v.status, v.share, v.leefgebieden, v.scores, v.strengths, v.offer, v.createdAt, v.answeredAt,
                           n.name AS member FROM omgevingView v JOIN networkMember n ON n.id = v.networkMemberId
                    WHERE v.personId = ?1 OR v.memberPersonId = ?1 ORDER BY v.id
                    """, arguments: [personID]
            ).map(json),
            "goals": goals,
            "talk": try rows("SELECT leefgebied, markedAt, clearedAt FROM talkMark WHERE personId = ? ORDER BY id"),
            "spiegelbladen": try rows("SELECT module, confirmedAt FROM spiegelblad WHERE personId = ? ORDER BY id"),
            "modules": try rows("SELECT module, startedAt, completedAt FROM moduleProgress WHERE personId = ? ORDER BY module"),
            "answers": try rows("SELECT node, key, value, module, createdAt FROM answer WHERE personId = ? ORDER BY id"),
            "alerts": try rows("SELECT kind, node, detail, urgent, createdAt, handledAt, note FROM alert WHERE personId = ? ORDER BY id"),
            // What the inwoner told in the chat outside any question (a note without a professional).
            "chatNotes": try rows("SELECT text, createdAt FROM note WHERE personId = ? AND professionalId IS NULL ORDER BY id"),
            "checkins": try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, status, score, band, result, askedAt, answeredAt FROM checkin WHERE carerPersonId = ? OR inwonerId = ? ORDER BY id
                    """, arguments: [personID, personID]
            ).map(json),
            "messages": try rows("SELECT direction, channel, via, text, segments, createdAt FROM message WHERE personId = ? ORDER BY id")
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    private static func json(_ row: Row) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let n): object[column] = n
            case .double(let d): object[column] = d
            case .string(let s): object[column] = s
            case .blob(let b): object[column] = b.base64EncodedString()
            }
        }
        return object
    }
}
