import Foundation

/// A place in the conversation's variables: `score`, `sterk.ikben`, `score[lg]`, `goal.actions`.
///
/// A segment in brackets is itself a path whose value gives the key (`score[lg]` with `lg` = the
/// option "geld" means `score.geld`). In templates `.` is the item of the enclosing section.
public struct Path: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case name(String)
        case indexed(String, Path)
        case current
    }

    public let segments: [Segment]
    public let description: String

    public init(parsing text: String) throws(PathError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw PathError(text: text, reason: "empty path") }
        description = trimmed
        if trimmed == "." {
            segments = [.current]
            return
        }
        var result: [Segment] = []
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            var name = ""
            while index < trimmed.endIndex, trimmed[index] != ".", trimmed[index] != "[" {
                let c = trimmed[index]
                guard c.isLetter || c.isNumber || c == "_" || c == "-" || c == "@" else {
                    throw PathError(text: text, reason: "unexpected character '\(c)'")
                }
                name.append(c)
                index = trimmed.index(after: index)
            }
            guard !name.isEmpty else { throw PathError(text: text, reason: "empty segment") }
            if index < trimmed.endIndex, trimmed[index] == "[" {
                var depth = 1
                var inner = ""
                index = trimmed.index(after: index)
                while index < trimmed.endIndex {
                    let c = trimmed[index]
                    if c == "[" { depth += 1 }
                    if c == "]" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    inner.append(c)
                    index = trimmed.index(after: index)
                }
                guard depth == 0 else { throw PathError(text: text, reason: "missing ]") }
                index = trimmed.index(after: index)
                result.append(.indexed(name, try Path(parsing: inner)))
            } else {
                result.append(.name(name))
            }
            if index < trimmed.endIndex {
                guard trimmed[index] == "." else { throw PathError(text: text, reason: "expected '.'") }
                index = trimmed.index(after: index)
                guard index < trimmed.endIndex else { throw PathError(text: text, reason: "ends with '.'") }
            }
        }
        segments = result
    }

    /// The variable this path starts at (for checks on which names a flow uses).
    public var root: String? {
        switch segments.first {
        case .name(let n), .indexed(let n, _): n
        case .current, nil: nil
        }
    }
}
