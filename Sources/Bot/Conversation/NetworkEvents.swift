import Dialog
import Foundation
import GRDB

/// What happens around network members: their answer to an invitation, their STOP, and the
/// messages that tell the inwoner about it.
struct NetworkEvents {
    let service: ConversationService
    let db: Database
    let now: Date

    func replied(memberPersonID: Int64, actionID: Int64, granted: Bool) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.personId, a.what, n.id AS memberId, n.name FROM action a JOIN networkMember n ON n.id = a.networkMemberId
            WHERE a.id = ? AND n.memberPersonId = ?
            """, arguments: [actionID, memberPersonID]) else { return }
        let inwonerID: Int64 = row["personId"]
        try db.execute(sql: "UPDATE networkMember SET invitation = ? WHERE id = ?",
                       arguments: [granted ? "accepted" : "declined", row["memberId"] as Int64])
        try db.execute(sql: """
            INSERT INTO consent (personId, purpose, granted, subject, textKey, textShown, flowVersion, channel, createdAt)
            VALUES (?, 'herinneringen_netwerk', ?, ?, 'netwerk.uitnodiging', '', 'netwerk', '', ?)
            """, arguments: [memberPersonID, granted, String(actionID), now])
        let vars: [String: Value] = ["lid": .text(row["name"]), "wat": .text(row["what"])]
        try notify(inwonerID: inwonerID, key: granted ? "melding.inwoner.ja" : "melding.inwoner.nee", vars: vars)
        // Yes: the member's reminders and follow-up replace the inwoner's follow-up; no: the inwoner's stays.
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        if !granted {
            try alert(inwonerID: inwonerID, kind: "netwerk_geweigerd", detail: "\(row["name"] as String): \(row["what"] as String)")
        }
    }

    /// A network member sent STOP: their actions have no owner anymore; the inwoner chooses who takes over.
    func memberStopped(personID: Int64) throws {
        let actions = try Row.fetchAll(db, sql: """
            SELECT a.id, a.personId, a.what, n.id AS memberId, n.name FROM networkMember n
            JOIN action a ON a.networkMemberId = n.id
            WHERE n.memberPersonId = ? AND a.status IN ('gepland', 'bezig', 'uitgesteld')
            """, arguments: [personID])
        try db.execute(sql: "UPDATE networkMember SET invitation = 'stopped' WHERE memberPersonId = ?", arguments: [personID])
        for action in actions {
            let actionID: Int64 = action["id"]
            let inwonerID: Int64 = action["personId"]
            try JobStore.cancel(actionID: actionID, in: db)
            try alert(inwonerID: inwonerID, kind: "netwerk_gestopt", detail: "\(action["name"] as String): \(action["what"] as String)")
            let others = try ActionVars.network(inwonerID: inwonerID, excluding: action["memberId"], in: db)
            let vars: [String: Value] = ["actie": try ActionVars.action(actionID, in: db), "lid": .text(action["name"]), "netwerk": others]
            let outcome = try FlowStarter(service: service, db: db, now: now).start("overnemen", personID: inwonerID, vars: vars,
                                                                                      run: "stop-\(actionID)-\(Int(now.timeIntervalSince1970))")
            if case .busy = outcome {
                try JobStore.add(.followup, personID: inwonerID, actionID: actionID, dueAt: now.addingTimeInterval(3600),
                                 key: "takeover:\(actionID):\(Int(now.timeIntervalSince1970))", at: now, in: db)
            }
        }
    }

    /// A short message to the inwoner on their own channel (not part of a conversation).
    func notify(inwonerID: Int64, key: String, vars: [String: Value]) throws {
        guard try Bool.fetchOne(db, sql: "SELECT optedOut FROM person WHERE id = ?", arguments: [inwonerID]) == false else { return }
        _ = try Notice.queue(key, vars: vars, to: inwonerID, library: service.library, at: now, in: db)
    }

    func alert(inwonerID: Int64, kind: String, detail: String) throws {
        try AlertStore.add(personID: inwonerID, kind: kind, detail: detail, at: now, in: db)
    }
}
