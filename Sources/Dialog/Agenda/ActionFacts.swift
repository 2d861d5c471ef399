/// What the rules need to know about one action of the plan.
public struct ActionFacts: Sendable, Equatable {
    public enum Owner: Sendable, Equatable {
        case inwoner
        case professional
        case member(MemberFacts)
        /// A network member whose row is gone: nobody can be asked.
        case unknownMember
    }

    public var id: Int64
    /// gepland, bezig, uitgesteld, gedaan, niet_gelukt, vervallen.
    public var status: String
    public var due: LocalDate?
    public var dueTime: LocalTime?
    public var owner: Owner
    public var inwonerOptedOut: Bool
    /// The inwoner's send window (their own, or the deployment's).
    public var window: SendWindow

    public init(id: Int64, status: String, due: LocalDate?, dueTime: LocalTime?, owner: Owner, inwonerOptedOut: Bool, window: SendWindow) {
        self.id = id
        self.status = status
        self.due = due
        self.dueTime = dueTime
        self.owner = owner
        self.inwonerOptedOut = inwonerOptedOut
        self.window = window
    }

    /// Open: still to be done (planned, in progress, or put off).
    public var isOpen: Bool { Self.openStatuses.contains(status) }

    public static let openStatuses: Set<String> = ["gepland", "bezig", "uitgesteld"]
}

/// A network member as the rules see them: whether they can be messaged, and their answer to the invitation.
public struct MemberFacts: Sendable, Equatable {
    public enum Invitation: String, Sendable {
        case invited, accepted, declined, stopped
    }

    public var id: Int64
    public var hasPhone: Bool
    /// Nil: not invited yet.
    public var invitation: Invitation?
    public var optedOut: Bool
    public var window: SendWindow

    public init(id: Int64, hasPhone: Bool, invitation: Invitation?, optedOut: Bool, window: SendWindow) {
        self.id = id
        self.hasPhone = hasPhone
        self.invitation = invitation
        self.optedOut = optedOut
        self.window = window
    }
}
