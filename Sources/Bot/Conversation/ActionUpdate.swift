import Dialog
import Foundation
import GRDB

/// An `action_update` record: the owner (inwoner or network member) reports on an action, or the
/// inwoner gives it a new date or owner. Jobs are planned anew after every change.
struct ActionUpdate {
    let writer: RecordWriter
    let fields: [String: Value]

    var db: Database { writer.db }

    func apply() throws {
        guard let actionID = writer.number(fields["action"]),
              let row = try Row.fetchOne(db, sql: """
                  SELECT a.personId, a.goalId, a.what, n.memberPersonId, n.name AS member
                  FROM action a LEFT JOIN networkMember n ON n.id = a.networkMemberId WHERE a.id = ?
                  """, arguments: [actionID]) else { return }
        let inwonerID: Int64 = row["personId"]
        let byInwoner = inwonerID == writer.personID
        let byMember = (row["memberPersonId"] as Int64?) == writer.personID
        // A record can only change an action of this person, or one they took on as network member.
        guard byInwoner || byMember else { return }
        var sets: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        let status = writer.key(fields["status"])
        if let status {
            sets.append("status = ?")
            args.append(status)
            if ["gedaan", "niet_gelukt"].contains(status) { sets.append("evaluatedAt = ?"); args.append(writer.now) }
        }
        if let result = writer.text(fields["result"]) { sets.append("result = ?"); args.append(result) }
        if case .number(let helped)? = fields["helped"] { sets.append("helped = ?"); args.append(helped) }
        var newDue: Value?
        if case .date(let day, let time)? = fields["due"] {
            sets += ["dueDate = ?", "dueTime = ?"]
            args += [day.description, time?.description]
            newDue = fields["due"]
            // A new date for an action that did not work out means: planned again.
            if status == nil { sets.append("status = CASE status WHEN 'niet_gelukt' THEN 'gepland' ELSE status END") }
        }
        if byInwoner, fields["who"] != nil {
            let (kind, memberID) = try writer.owner(fields["who"], inwonerID: inwonerID)
            sets += ["ownerKind = ?", "networkMemberId = ?"]
            args += [kind, memberID]
        }
        guard !sets.isEmpty else { return }
        try db.execute(sql: "UPDATE action SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(args + [actionID]))
        try ActionScheduler(policy: writer.service.schedule, now: writer.now, db: db).plan(actionID: actionID)

        if byMember, !byInwoner {
            let events = NetworkEvents(service: writer.service, db: db, now: writer.now)
            let vars: [String: Value] = ["lid": .text(row["member"] ?? ""), "wat": .text(row["what"]), "wanneer": newDue ?? .none]
            if status == "gedaan" { try events.notify(inwonerID: inwonerID, key: "melding.inwoner.gedaan", vars: vars) }
            else if newDue != nil { try events.notify(inwonerID: inwonerID, key: "melding.inwoner.later", vars: vars) }
        }
        if status == "gedaan", let goalID: Int64 = row["goalId"] { try rerateWhenGoalDone(goalID: goalID, inwonerID: inwonerID) }
    }

    /// All actions of a goal done: time to measure the result.
    private func rerateWhenGoalDone(goalID: Int64, inwonerID: Int64) throws {
        let open = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM action WHERE goalId = ? AND status NOT IN ('gedaan', 'vervallen')
            """, arguments: [goalID]) ?? 0
        guard open == 0 else { return }
        try db.execute(sql: "UPDATE goal SET status = 'bereikt' WHERE id = ?", arguments: [goalID])
        let policy = writer.service.schedule
        let at = policy.window.nextOpening(atOrAfter: writer.now, calendar: policy.calendar)
        // The re-rating planned some weeks ahead comes now instead.
        try JobStore.add(.rerate, personID: inwonerID, goalID: goalID, dueAt: at, key: "rerate:\(goalID)", at: writer.now, in: db)
        try db.execute(sql: "UPDATE job SET dueAt = MIN(dueAt, ?) WHERE idempotencyKey = ? AND status = 'pending'",
                       arguments: [at, "rerate:\(goalID)"])
    }
}
