/// A problem in a flow or text file, named by file, line and node.
public struct FlowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var node: String?
    public var message: String

    public init(file: String, line: Int, node: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.node = node
        self.message = message
    }

    public var description: String {
        if let node { return "\(file):\(line): node '\(node)': \(message)" }
        return "\(file):\(line): \(message)"
    }
}
