import Foundation

public struct PathError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "invalid path '\(text)': \(reason)" }
}
