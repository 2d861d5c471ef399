import Foundation

/// A job the rules plan: what, when, for whom, and the key that makes planning it twice harmless.
public struct PlannedJob: Sendable, Equatable {
    /// Who the job is for.
    public enum Recipient: Sendable, Equatable {
        case inwoner
        /// A network member of the inwoner, by the member's id.
        case member(Int64)
    }

    public var kind: JobKind
    public var at: Date
    public var recipient: Recipient
    public var key: String

    public init(kind: JobKind, at: Date, recipient: Recipient, key: String) {
        self.kind = kind
        self.at = at
        self.recipient = recipient
        self.key = key
    }
}
