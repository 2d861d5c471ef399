/// Renders a text with placeholders: `{path}` inserts a value, `{#path}…{/path}` repeats for each
/// item of a list (or once when the value is truthy), `{^path}…{/path}` renders when it is not.
/// Inside a section `.` is the current item and `{@n}` its number (1, 2, ...). `{lg:uitleg}` shows
/// the option in `lg` with its label from another list (`uitleg.geld` instead of `leefgebieden.geld`).
struct Template: Sendable {
    indirect enum Part: Sendable {
        case literal(String)
        case value(Path)
        case relabelled(Path, list: String)
        /// `{>key}`: another text of the catalog, rendered in place.
        case include(String)
        case index
        case section(Path, inverted: Bool, [Part])
    }

    let parts: [Part]

    init(_ text: String) throws(PathError) {
        var index = text.startIndex
        parts = try Self.parse(text, &index, closing: nil)
    }

    private static func parse(_ text: String, _ i: inout String.Index, closing: String?) throws(PathError) -> [Part] {
        var parts: [Part] = []
        var literal = ""
        while i < text.endIndex {
            let c = text[i]
            guard c == "{" else {
                literal.append(c)
                i = text.index(after: i)
                continue
            }
            guard let end = matchingBrace(text, from: i) else {
                throw PathError(text: text, reason: "'{' without '}'")
            }
            let tag = String(text[text.index(after: i)..<end])
            i = text.index(after: end)
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = ""
            }
            if tag.hasPrefix("/") {
                guard String(tag.dropFirst()) == closing else {
                    throw PathError(text: text, reason: "unexpected {\(tag)}")
                }
                return parts
            } else if tag.hasPrefix("#") || tag.hasPrefix("^") {
                let name = String(tag.dropFirst())
                let inner = try parse(text, &i, closing: name)
                parts.append(.section(try Path(parsing: name), inverted: tag.hasPrefix("^"), inner))
            } else if tag.hasPrefix(">") {
                parts.append(.include(String(tag.dropFirst())))
            } else if tag == "@n" {
                parts.append(.index)
            } else if let colon = tag.firstIndex(of: ":") {
                let list = String(tag[tag.index(after: colon)...])
                parts.append(.relabelled(try Path(parsing: String(tag[..<colon])), list: list))
            } else {
                parts.append(.value(try Path(parsing: tag)))
            }
        }
        if let closing { throw PathError(text: text, reason: "{#\(closing)} is never closed") }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    private static func matchingBrace(_ text: String, from start: String.Index) -> String.Index? {
        var depth = 0
        var i = start
        while i < text.endIndex {
            if text[i] == "{" { depth += 1 }
            if text[i] == "}" {
                depth -= 1
                if depth == 0 { return i }
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// Every path the template reads, for the flow checker.
    var paths: [Path] { Self.paths(parts) }

    private static func paths(_ parts: [Part]) -> [Path] {
        parts.flatMap { part -> [Path] in
            switch part {
            case .literal, .index, .include: []
            case .value(let p), .relabelled(let p, _): [p]
            case .section(let p, _, let inner): [p] + paths(inner)
            }
        }
    }

    /// Texts named by `{>key}`, for the flow checker.
    var includes: [String] { Self.includes(parts) }

    private static func includes(_ parts: [Part]) -> [String] {
        parts.flatMap { part -> [String] in
            switch part {
            case .include(let key): [key]
            case .section(_, _, let inner): includes(inner)
            default: []
            }
        }
    }

    /// - Parameter include: renders a `{>key}` text; nil when the key is unknown or nested too deep.
    func render(_ scope: Scope, _ format: (Value) -> String, include: (String, Scope) -> String = { _, _ in "" }) -> String {
        render(parts, scope, indexes: [], format, include)
    }

    private func render(
        _ parts: [Part], _ scope: Scope, indexes: [Int], _ format: (Value) -> String,
        _ include: (String, Scope) -> String
    ) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .index: out += indexes.last.map { String($0 + 1) } ?? ""
            case .include(let key): out += include(key, scope)
            case .value(let p): out += scope.value(at: p).map(format) ?? ""
            case .relabelled(let p, let list):
                if let key = scope.value(at: p)?.key { out += format(.option(list: list, key: key)) }
            case .section(let p, let inverted, let inner):
                let value = scope.value(at: p) ?? .none
                if inverted {
                    if !value.isTruthy { out += render(inner, scope, indexes: indexes, format, include) }
                } else if case .list(let items) = value {
                    for (n, item) in items.enumerated() {
                        var itemScope = scope
                        itemScope.items.append(item)
                        out += render(inner, itemScope, indexes: indexes + [n], format, include)
                    }
                } else if value.isTruthy {
                    out += render(inner, scope, indexes: indexes, format, include)
                }
            }
        }
        return out
    }
}
