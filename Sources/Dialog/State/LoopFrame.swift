import Foundation

/// One pass of an `each` loop: the items as they were when the loop began, and where we are.
public struct LoopFrame: Codable, Sendable, Equatable {
    public var node: String
    public var alias: String
    public var items: [Value]
    public var index: Int
}
