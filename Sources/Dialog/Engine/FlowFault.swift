import Foundation

/// A fault in the flow found while running it (a missing node, a loop without a question).
struct FlowFault: Error, CustomStringConvertible {
    let description: String
}
