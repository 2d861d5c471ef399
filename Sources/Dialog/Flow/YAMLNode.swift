import Yams

/// A YAML value with its file and line, and readers that fail with a `FlowError` naming them.
package struct YAMLNode {
    let node: Yams.Node
    let file: String
    var nodeID: String?

    package var line: Int { node.mark?.line ?? 1 }

    package func error(_ message: String) -> FlowError {
        FlowError(file: file, line: line, node: nodeID, message: message)
    }

    package static func parse(_ text: String, file: String) throws(FlowError) -> YAMLNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw FlowError(file: file, line: 1, message: "the file is empty")
            }
            return YAMLNode(node: root, file: file)
        } catch let error as FlowError {
            throw error
        } catch let error as YamlError {
            throw FlowError(file: file, line: Self.line(of: error), message: "not valid YAML: \(Self.reason(of: error))")
        } catch {
            throw FlowError(file: file, line: 1, message: "not valid YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: 1
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _):
            "the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice in one mapping"
        default: "\(error)"
        }
    }

    func with(id: String?) -> YAMLNode { YAMLNode(node: node, file: file, nodeID: id) }

    private func wrap(_ n: Yams.Node) -> YAMLNode { YAMLNode(node: n, file: file, nodeID: nodeID) }

    var isScalar: Bool { node.scalar != nil }
    var isSequence: Bool { node.sequence != nil }
    var isMapping: Bool { node.mapping != nil }

    /// Plain (unquoted) scalars are paths or keywords; quoted ones are literal text.
    var isQuoted: Bool {
        guard let style = node.scalar?.style else { return false }
        return style == .singleQuoted || style == .doubleQuoted
    }

    package func string() throws(FlowError) -> String {
        guard let s = node.scalar?.string else { throw error("expected a single value") }
        return s
    }

    func int() throws(FlowError) -> Int {
        guard let n = Int(try string()) else { throw error("expected a whole number") }
        return n
    }

    func bool() throws(FlowError) -> Bool {
        switch try string() {
        case "true", "yes", "ja": return true
        case "false", "no", "nee": return false
        default: throw error("expected true or false")
        }
    }

    func sequence() throws(FlowError) -> [YAMLNode] {
        guard let seq = node.sequence else { throw error("expected a list") }
        return seq.map(wrap)
    }

    /// A list, or a single value read as a list of one.
    func list() throws(FlowError) -> [YAMLNode] {
        isSequence ? try sequence() : [self]
    }

    func mapping() throws(FlowError) -> [(key: String, value: YAMLNode)] {
        try entries().map { ($0.key, $0.value) }
    }

    /// A mapping with the node of each key, for errors that point at the key's own line.
    package func entries() throws(FlowError) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let map = node.mapping else { throw error("expected a mapping of keys to values") }
        var result: [(String, YAMLNode, YAMLNode)] = []
        for (k, v) in map {
            guard let key = k.scalar?.string else { throw wrap(k).error("a key must be a single value") }
            result.append((key, wrap(k), wrap(v)))
        }
        return result
    }

    /// Reads a mapping, refusing keys it does not know (a typo must not pass silently).
    func fields(allowed: Set<String>) throws(FlowError) -> [String: YAMLNode] {
        var result: [String: YAMLNode] = [:]
        for (key, keyNode, value) in try entries() {
            guard allowed.contains(key) else {
                throw keyNode.error("unknown key '\(key)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[key] = value
        }
        return result
    }
}
