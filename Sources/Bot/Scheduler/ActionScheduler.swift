import Dialog
import Foundation
import GRDB

/// Plans the jobs of one action after it was made or changed, as `ActionRules` say: old pending
/// jobs go, the new ones are stored, for the inwoner or for the member the rules name.
struct ActionScheduler {
    let policy: SchedulePolicy
    let now: Date
    let db: any SQLConnection

    func plan(actionID: Int64) throws {
        try JobStore.cancel(actionID: actionID, kinds: [.reminder, .followup, .invite, .memberReminder, .memberFollowup, .overdue], in: db)
        guard let (facts, inwonerID) = try ActionStore.facts(actionID: actionID, policy: policy, in: db) else { return }
        let rules = ActionRules(policy: policy)
        let jobs = rules.jobs(for: facts, now: now)
        for job in jobs {
            let personID: Int64
            switch job.recipient {
            case .inwoner: personID = inwonerID
            case .member(let memberID):
                guard let member = try ActionStore.memberPerson(memberID: memberID, inwonerID: inwonerID, at: now, in: db) else { continue }
                personID = member
            }
            try JobStore.add(job.kind, personID: personID, actionID: actionID, dueAt: job.at, key: job.key, at: now, in: db)
        }
        if !jobs.isEmpty { try planWeekly(personID: inwonerID, window: facts.window) }
    }

    /// One weekly overview job ahead for an inwoner with open actions.
    func planWeekly(personID: Int64, window: SendWindow) throws {
        guard let job = ActionRules(policy: policy).weekly(now: now, window: window, inwonerKey: String(personID)) else { return }
        try JobStore.add(.weekly, personID: personID, dueAt: job.at, key: job.key, at: now, in: db)
    }
}
