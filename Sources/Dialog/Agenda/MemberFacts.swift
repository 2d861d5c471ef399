/// A network member as the rules see them: whether they can be messaged, and their answer to the invitation.
public struct MemberFacts: Sendable, Equatable {
    public enum Invitation: String, Sendable {
        case invited, accepted, declined, stopped
    }

    public var id: Int64
    public var name: String
    public var hasPhone: Bool
    /// Nil: not invited yet.
    public var invitation: Invitation?
    public var optedOut: Bool
    public var window: SendWindow

    public init(id: Int64, name: String = "", hasPhone: Bool, invitation: Invitation?, optedOut: Bool, window: SendWindow) {
        self.id = id
        self.name = name
        self.hasPhone = hasPhone
        self.invitation = invitation
        self.optedOut = optedOut
        self.window = window
    }
}
