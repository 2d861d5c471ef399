import Foundation

/// The method's rules for one action of the plan: who is reminded and when, who is asked
/// afterwards whether it worked, when a network member is invited, and when the professional hears
/// that it stayed open. Pure: the facts come in, the jobs to plan go out.
public struct ActionRules: Sendable {
    public let policy: SchedulePolicy

    public init(policy: SchedulePolicy) {
        self.policy = policy
    }

    /// The jobs of an action after it was made or changed (its earlier jobs are cancelled first).
    /// An action without a date has none: the professional agrees on a day.
    public func jobs(for action: ActionFacts, now: Date) -> [PlannedJob] {
        guard action.isOpen, !action.inwonerOptedOut, let due = action.due else { return [] }
        var jobs = overdue(action.id, due: due, time: action.dueTime, now: now)
        switch action.owner {
        case .inwoner:
            jobs += reminders(
                .reminder, .followup, to: .inwoner, action: action.id, due: due, time: action.dueTime, window: action.window, now: now)
        case .member(let member) where member.hasPhone && !member.optedOut && member.invitation == .accepted:
            jobs += reminders(
                .memberReminder, .memberFollowup, to: .member(member.id), action: action.id, due: due, time: action.dueTime,
                window: member.window, now: now)
        case .member(let member):
            // Nothing goes to a member before they said JA; until then (or when they cannot be
            // messaged at all) the inwoner is asked whether it happened.
            if member.hasPhone, !member.optedOut, member.invitation == nil || member.invitation == .invited {
                jobs.append(
                    PlannedJob(
                        kind: .invite, at: member.window.nextOpening(atOrAfter: now, calendar: policy.calendar),
                        recipient: .member(member.id), key: "invite:\(member.id):\(action.id)"))
            }
            jobs += followUp(.followup, to: .inwoner, action: action.id, due: due, time: action.dueTime, window: action.window, now: now)
        case .unknownMember:
            jobs += followUp(.followup, to: .inwoner, action: action.id, due: due, time: action.dueTime, window: action.window, now: now)
        case .professional:
            break  // the professional sees it on the dashboard
        }
        return jobs
    }

    /// The weekly overview, once a week for an inwoner with open actions.
    public func weekly(now: Date, window: SendWindow, inwonerKey: String) -> PlannedJob? {
        let today = LocalDate(policy.calendar.dateComponents([.year, .month, .day], from: now))
        let ahead = (policy.weeklyWeekday - today.isoWeekday + 7) % 7
        let day = today.adding(days: ahead == 0 ? 7 : ahead)
        guard let moment = window.moment(on: day, at: policy.weeklyAt, calendar: policy.calendar) else { return nil }
        return PlannedJob(
            kind: .weekly, at: window.nextOpening(atOrAfter: moment, calendar: policy.calendar), recipient: .inwoner,
            key: "weekly:\(inwonerKey):\(day.description)")
    }

    /// Whether the action's due moment has passed (a day without a time counts until its end).
    public func isPastDue(_ action: ActionFacts, now: Date) -> Bool {
        guard action.isOpen, let day = action.due else { return true }
        guard let due = policy.window.moment(on: day, at: action.dueTime ?? LocalTime(hour: 23, minute: 59), calendar: policy.calendar)
        else {
            return false
        }
        return now > due
    }

    private func reminders(
        _ reminder: JobKind, _ followup: JobKind, to recipient: PlannedJob.Recipient, action: Int64, due: LocalDate,
        time: LocalTime?, window: SendWindow, now: Date
    ) -> [PlannedJob] {
        policy.reminders.reminders(for: due, at: time, now: now, window: window, calendar: policy.calendar).map { moment in
            PlannedJob(kind: reminder, at: moment, recipient: recipient, key: key(reminder, action, recipient, moment))
        } + followUp(followup, to: recipient, action: action, due: due, time: time, window: window, now: now)
    }

    private func followUp(
        _ kind: JobKind, to recipient: PlannedJob.Recipient, action: Int64, due: LocalDate, time: LocalTime?,
        window: SendWindow, now: Date
    ) -> [PlannedJob] {
        guard let moment = policy.followUp(due: due, at: time, window: window) else { return [] }
        return [PlannedJob(kind: kind, at: max(moment, now), recipient: recipient, key: key(kind, action, recipient, moment))]
    }

    /// Whoever owns the action: still open some days after its due moment, the professional hears.
    private func overdue(_ action: Int64, due: LocalDate, time: LocalTime?, now: Date) -> [PlannedJob] {
        let day = due.adding(days: policy.overdueAfterDays)
        guard let moment = policy.window.moment(on: day, at: time ?? LocalTime(hour: 23, minute: 59), calendar: policy.calendar) else {
            return []
        }
        return [
            PlannedJob(
                kind: .overdue, at: max(moment, now), recipient: .inwoner, key: "overdue:\(action):\(Int(moment.timeIntervalSince1970))")
        ]
    }

    private func key(_ kind: JobKind, _ action: Int64, _ recipient: PlannedJob.Recipient, _ moment: Date) -> String {
        let who =
            switch recipient {
            case .inwoner: "i"
            case .member(let id): "m\(id)"
            }
        return "\(kind.rawValue):\(action):\(who):\(Int(moment.timeIntervalSince1970))"
    }
}
