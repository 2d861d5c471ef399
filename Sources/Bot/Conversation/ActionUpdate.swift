import Dialog
import Foundation
import GRDB

/// An `action_update` record: the owner (inwoner or network member) reports on an action, or the
/// inwoner gives it a new date or owner. Jobs are planned anew after every change.
struct ActionUpdate {
    let writer: RecordWriter
    let fields: [String: Value]

    var db: any SQLConnection { writer.db }

    func apply() throws {
        guard let actionID = writer.number(fields["action"]), let parties = try ActionStore.parties(actionID: actionID, in: db) else {
            return
        }
        let byInwoner = parties.inwonerID == writer.personID
        let byMember = parties.memberPersonID == writer.personID
        // A record can only change an action of this person, or one they took on as network member.
        guard byInwoner || byMember else { return }
        var report = ActionStore.Report()
        report.status = writer.key(fields["status"])
        report.result = writer.text(fields["result"])
        if case .number(let helped)? = fields["helped"] { report.helped = helped }
        if case .date(let day, let time)? = fields["due"] { report.due = (day, time) }
        if byInwoner, fields["who"] != nil { report.owner = try writer.owner(fields["who"], inwonerID: parties.inwonerID) }
        guard !report.isEmpty else { return }
        try Self.apply(
            report, actionID: actionID, parties: parties, byMember: byMember && !byInwoner, due: fields["due"],
            service: writer.service, at: writer.now, in: db)
    }

    /// Carries out a report on an action, from the chat or from Mijn Wegwijzer: stored, planned
    /// anew, the inwoner told when their network member reported, and a goal whose steps are all
    /// done re-rated now instead of weeks later. `due` is the new date as the flow gave it, for the notice.
    static func apply(
        _ report: ActionStore.Report, actionID: Int64, parties: ActionStore.Parties, byMember: Bool, due: Value?,
        service: ConversationService, at now: Date, in db: any SQLConnection
    ) throws {
        try ActionStore.apply(report, actionID: actionID, at: now, in: db)
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)

        if byMember, let notice = NetworkRules.reported(done: report.status == "gedaan", newDate: report.due != nil) {
            let vars: [String: Value] = [
                "lid": .text(parties.memberName ?? ""), "wat": .text(parties.what), "wanneer": due ?? .none
            ]
            try NetworkEvents(service: service, db: db, now: now).notify(inwonerID: parties.inwonerID, key: notice, vars: vars)
        }
        if report.status == "gedaan", let goalID = parties.goalID, try ActionStore.closeGoalIfDone(goalID: goalID, in: db) {
            // All actions of the goal done: the re-rating planned some weeks ahead comes now instead.
            let policy = service.schedule
            let at = policy.window.nextOpening(atOrAfter: now, calendar: policy.calendar)
            try JobStore.add(.rerate, personID: parties.inwonerID, goalID: goalID, dueAt: at, key: "rerate:\(goalID)", at: now, in: db)
            try JobStore.bringForward(key: "rerate:\(goalID)", to: at, in: db)
        }
    }
}
