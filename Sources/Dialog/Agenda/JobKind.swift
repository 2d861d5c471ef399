/// What a planned job does when it falls due. The method's timers: reminders before an action,
/// the follow-up after it, invitations, check-ins, re-ratings and the signals when something
/// stays undone or unanswered.
public enum JobKind: String, Sendable, CaseIterable, Codable {
    case reminder, followup, invite, memberReminder = "member_reminder", memberFollowup = "member_followup"
    case weekly, rerate
    case carerInvite = "carer_invite", checkin
    /// The omgeving's own view: the invitation to someone the inwoner named, and the inwoner's
    /// message that a view is in.
    case omgevingInvite = "omgeving_invite", omgevingNotice = "omgeving_notice"
    /// An alert for the professional when an action is still open days after its due moment.
    case overdue
    /// A follow-up question still unanswered: asked once more.
    case followupAgain = "followup_again"
    /// Still unanswered after that: a signal for the professional, and the conversation is closed.
    case followupUnanswered = "followup_unanswered"

    /// Starts a conversation that waits for the person's answer, so it waits while another one does.
    public var startsConversation: Bool { [.followup, .invite, .rerate, .carerInvite, .checkin, .omgevingInvite].contains(self) }

    /// Watches one conversation (its run), whatever happens to the action's plan meanwhile.
    public var watchesConversation: Bool { self == .followupAgain || self == .followupUnanswered }

    /// Sends a message outside any conversation.
    public var isReminder: Bool { self == .reminder || self == .memberReminder || self == .memberFollowup }
}
