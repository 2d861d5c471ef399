import Foundation

/// What a job does when it falls due, by the method's rules: a reminder that would come after
/// its moment is dropped, nothing goes out of the send window or to someone who said STOP, a
/// follow-up about a step whose member stopped asks who takes it over.
public struct DueRules: Sendable {
    public enum Decision: Sendable, Equatable {
        /// Nothing to do (any more): the job is finished with this note.
        case skip(String)
        /// Not now: at the window's next opening.
        case postpone(Date, String)
        /// A reminder message outside any conversation, with this text.
        case remind(textKey: String)
        /// A conversation starts for the recipient.
        case start(flow: String)
        /// The professional is told.
        case alert(kind: String)
        /// The weekly overview, and the next one planned.
        case weekly
        /// A mantelzorger's turn: their invitation, or a check-in (`CarerRules`).
        case carer
        /// A watched conversation's time is up (`FollowUpRules`).
        case watch
        /// The omgeving's own view: the invitation, or telling the inwoner it is in (`OmgevingRules`).
        case omgeving
    }

    public let policy: SchedulePolicy

    public init(policy: SchedulePolicy) {
        self.policy = policy
    }

    /// - Parameters:
    ///   - action: the action the job is about, if any.
    ///   - recipientOptedOut: the person the job is for said STOP.
    ///   - window: that person's send window.
    public func decide(_ kind: JobKind, action: ActionFacts?, recipientOptedOut: Bool, window: SendWindow, now: Date) -> Decision {
        let rules = ActionRules(policy: policy)
        if kind == .overdue {
            // Not a message: an alert for the professional, outside any send window, opted out or not.
            guard let action, action.isOpen, rules.isPastDue(action, now: now) else { return .skip("the action was answered") }
            return .alert(kind: "actie_verlopen")
        }
        if recipientOptedOut { return .skip("opted out") }
        guard window.isOpen(at: now, calendar: policy.calendar) else {
            // Planned inside the window; if the window changed since, go at its next opening.
            return .postpone(window.nextOpening(atOrAfter: now, calendar: policy.calendar), "outside the send window")
        }
        switch kind {
        case .followupAgain, .followupUnanswered:
            return .watch
        case .reminder, .memberReminder, .memberFollowup:
            guard let action else { return .skip("the action is gone") }
            // A reminder that comes after the moment it reminds of (the server was down, say) is wrong: drop it.
            if kind != .memberFollowup, rules.isPastDue(action, now: now) {
                return .skip("too late: the action is past its due moment or no longer open")
            }
            return .remind(
                textKey: kind == .reminder
                    ? "herinnering.inwoner"
                    : kind == .memberReminder
                        ? "herinnering.netwerk"
                        : "herinnering.netwerk_opvolging")
        case .followup:
            guard let action, action.isOpen else { return .skip("the action is no longer open") }
            if case .member(let member) = action.owner, member.invitation == .stopped { return .start(flow: "overnemen") }
            return .start(flow: "opvolging")
        case .invite:
            return .start(flow: "netwerk")
        case .rerate:
            return .start(flow: "herwaardering")
        case .weekly:
            return .weekly
        case .carerInvite, .checkin:
            return .carer
        case .omgevingInvite, .omgevingNotice:
            return .omgeving
        case .overdue:
            return .skip("the action was answered")
        }
    }
}
