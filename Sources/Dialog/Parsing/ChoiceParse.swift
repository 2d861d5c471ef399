import Foundation

public enum ChoiceParse: Sendable, Equatable {
    /// 0-based indices into the options, in the order the user typed them.
    case selected([Int])
    /// The text fits several options equally well; carries their indices.
    case ambiguous([Int])
    case invalid
}
