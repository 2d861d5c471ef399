import Dialog
import Foundation
import GRDB

/// Plans the jobs of one action after it was made or changed: reminders for its owner, the
/// follow-up question, an invitation for a network member. Old pending jobs go first.
struct ActionScheduler {
    let policy: SchedulePolicy
    let now: Date
    let db: Database

    func plan(actionID: Int64) throws {
        try JobStore.cancel(actionID: actionID, kinds: [.reminder, .followup, .invite, .memberReminder, .memberFollowup, .overdue], in: db)
        guard let action = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT a.personId, a.ownerKind, a.networkMemberId, a.dueDate, a.dueTime, a.status, p.optedOut, p.sendWindow
            FROM action a JOIN person p ON p.id = a.personId WHERE a.id = ?
            """), arguments: [actionID]) else { return }
        let status: String = action["status"]
        guard ["gepland", "bezig", "uitgesteld"].contains(status), !(action["optedOut"] as Bool) else { return }
        guard let dueText: String = action["dueDate"], let due = LocalDate(iso: dueText) else { return }
        let time = (action["dueTime"] as String?).flatMap(LocalTime.init(iso:))
        let personID: Int64 = action["personId"]
        let window = policy.window(override: action["sendWindow"])
        try planOverdueAlert(personID: personID, actionID: actionID, due: due, time: time)
        switch action["ownerKind"] as String {
        case "inwoner":
            try remind(.reminder, .followup, personID: personID, actionID: actionID, due: due, time: time, window: window)
        case "netwerk":
            guard let memberID: Int64 = action["networkMemberId"] else { return }
            let messaged = try planForMember(memberID: memberID, inwonerID: personID, actionID: actionID, due: due, time: time)
            if !messaged {
                // Nobody asks the member whether it happened: the inwoner is asked (reminders stay the member's).
                try followUp(personID: personID, actionID: actionID, due: due, time: time, window: window)
            }
        default:
            break // the professional sees it on the dashboard
        }
        try planWeekly(personID: personID, window: window)
    }

    private func remind(_ reminder: JobStore.Kind, _ followup: JobStore.Kind, personID: Int64, actionID: Int64,
                        due: LocalDate, time: LocalTime?, window: SendWindow) throws {
        for moment in policy.reminders.reminders(for: due, at: time, now: now, window: window, calendar: policy.calendar) {
            try JobStore.add(reminder, personID: personID, actionID: actionID, dueAt: moment,
                             key: "\(reminder.rawValue):\(actionID):\(personID):\(Int(moment.timeIntervalSince1970))", at: now, in: db)
        }
        try followUp(followup, personID: personID, actionID: actionID, due: due, time: time, window: window)
    }

    private func followUp(_ kind: JobStore.Kind = .followup, personID: Int64, actionID: Int64, due: LocalDate, time: LocalTime?,
                          window: SendWindow) throws {
        guard let moment = policy.followUp(due: due, at: time, window: window) else { return }
        try JobStore.add(kind, personID: personID, actionID: actionID, dueAt: max(moment, now),
                         key: "\(kind.rawValue):\(actionID):\(personID):\(Int(moment.timeIntervalSince1970))", at: now, in: db)
    }

    /// Nothing goes to a network member before they said JA to an invitation. Returns whether the
    /// member is asked about the action (they said JA); if not, the inwoner is.
    private func planForMember(memberID: Int64, inwonerID: Int64, actionID: Int64, due: LocalDate, time: LocalTime?) throws -> Bool {
        guard let member = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT n.phone, n.invitation, n.memberPersonId, p.optedOut, p.sendWindow
            FROM networkMember n LEFT JOIN person p ON p.id = n.memberPersonId WHERE n.id = ?
            """), arguments: [memberID]), let phone: String = member["phone"], (member["optedOut"] as Bool?) != true else { return false }
        let memberPersonID = try (member["memberPersonId"] as Int64?) ?? PersonStore.networkMember(phone: phone, memberID: memberID,
                                                                                                     inwonerID: inwonerID, at: now, in: db)
        let window = policy.window(override: member["sendWindow"])
        switch member["invitation"] as String? {
        case nil, "invited"?:
            try JobStore.add(.invite, personID: memberPersonID, actionID: actionID,
                             dueAt: window.nextOpening(atOrAfter: now, calendar: policy.calendar),
                             key: "invite:\(memberID):\(actionID)", at: now, in: db)
            return false
        case "accepted"?:
            try remind(.memberReminder, .memberFollowup, personID: memberPersonID, actionID: actionID, due: due, time: time, window: window)
            return true
        default:
            return false // declined or stopped
        }
    }

    /// Whoever owns the action: if it is still open some days after its due moment, the professional hears.
    private func planOverdueAlert(personID: Int64, actionID: Int64, due: LocalDate, time: LocalTime?) throws {
        let day = due.adding(days: policy.overdueAfterDays)
        guard let moment = policy.window.moment(on: day, at: time ?? LocalTime(hour: 23, minute: 59), calendar: policy.calendar) else { return }
        try JobStore.add(.overdue, personID: personID, actionID: actionID, dueAt: max(moment, now),
                         key: "overdue:\(actionID):\(Int(moment.timeIntervalSince1970))", at: now, in: db)
    }

    /// One weekly overview job ahead for an inwoner with open actions.
    func planWeekly(personID: Int64, window: SendWindow) throws {
        let today = LocalDate(policy.calendar.dateComponents([.year, .month, .day], from: now))
        let weekday = today.isoWeekday
        let daysAhead = (policy.weeklyWeekday - weekday + 7) % 7 == 0 ? 7 : (policy.weeklyWeekday - weekday + 7) % 7
        let day = today.adding(days: daysAhead)
        guard let moment = window.moment(on: day, at: policy.weeklyAt, calendar: policy.calendar) else { return }
        let at = window.nextOpening(atOrAfter: moment, calendar: policy.calendar)
        try JobStore.add(.weekly, personID: personID, dueAt: at, key: "weekly:\(personID):\(day.description)", at: now, in: db)
    }
}
