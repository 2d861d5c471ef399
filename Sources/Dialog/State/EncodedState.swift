import Foundation

/// A state as stored, with where each TERUG entry lies in it and the checkpoints they were
/// written for: the next state's encoding copies the entries that did not change instead of
/// working out their differences again (that was most of the encoding's time).
public struct EncodedState: Sendable {
    public let json: String
    let layout: Layout

    struct Layout: Sendable {
        let history: [Checkpoint]
        let entries: [Range<Int>]
        /// The top-level variables in the order written (sorted by name).
        let variables: [Variable]

        struct Variable: Sendable {
            let name: String
            let value: Value
            /// Where its value lies in `json`.
            let range: Range<Int>
        }
    }
}
