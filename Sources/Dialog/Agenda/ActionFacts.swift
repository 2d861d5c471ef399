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
    /// What is to be done, in the inwoner's words.
    public var what: String
    /// gepland, bezig, uitgesteld, gedaan, niet_gelukt, vervallen.
    public var status: String
    public var due: LocalDate?
    public var dueTime: LocalTime?
    public var owner: Owner
    public var inwonerOptedOut: Bool
    /// The inwoner's send window (their own, or the deployment's).
    public var window: SendWindow

    public init(
        id: Int64, what: String = "", status: String, due: LocalDate?, dueTime: LocalTime?, owner: Owner, inwonerOptedOut: Bool,
        window: SendWindow
    ) {
        self.id = id
        self.what = what
        self.status = status
        self.due = due
        self.dueTime = dueTime
        self.owner = owner
        self.inwonerOptedOut = inwonerOptedOut
        self.window = window
    }

    /// The action as the flows know it (`actie`): id, wat, wanneer, and `van`, the network member's
    /// name when one owns it, so a follow-up to the inwoner says whose step it is.
    public var flowValue: Value {
        var member: String?
        if case .member(let facts) = owner { member = facts.name }
        return Self.flowValue(id: id, what: what, due: due, time: dueTime, member: member)
    }

    public static func flowValue(id: Int64, what: String, due: LocalDate?, time: LocalTime?, member: String?) -> Value {
        var fields: [String: Value] = ["id": .number(Int(id)), "wat": .text(what), "wanneer": due.map { .date($0, time) } ?? .none]
        if let member, !member.isEmpty { fields["van"] = .text(member) }
        return .record(fields)
    }

    /// Open: still to be done (planned, in progress, or put off).
    public var isOpen: Bool { Self.openStatuses.contains(status) }

    public static let openStatuses: Set<String> = ["gepland", "bezig", "uitgesteld"]
}
