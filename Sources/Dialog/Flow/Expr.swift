import Foundation

/// A value written in a flow file: a literal (`'zelf'`, `3`, `true`), a path to a variable, or a
/// record of those.
public indirect enum Expr: Sendable, Hashable {
    case literal(Value)
    case path(Path)
    case record([String: Expr])
    /// `{shown: key}`: a text as the inwoner saw it, placeholders filled, with its key (`{key,
    /// shown}`), so a consent records the very words it was given with.
    case shown(String)
    /// `{text: key}`: a text filled with the conversation's variables, in its language, kept as
    /// plain words (an action's what: "Contact opnemen met het Geldmaatje").
    case rendered(String)

    /// `render` fills a text key with the conversation's variables.
    func evaluate(in scope: Scope, render: (String) -> String = { $0 }) -> Value {
        switch self {
        case .literal(let v): v
        case .path(let p): scope.value(at: p) ?? .none
        case .record(let fields): .record(fields.mapValues { $0.evaluate(in: scope, render: render) })
        case .shown(let key): .record(["key": .text(key), "shown": .text(render(key))])
        case .rendered(let key): .text(render(key))
        }
    }

    /// Fixed options written in the flow (`{option: vast.stap}`), whose labels must exist.
    var optionKeys: [String] {
        switch self {
        case .literal(.option(let list, let key)): ["\(list).\(key)"]
        case .literal, .path, .shown, .rendered: []
        case .record(let fields): fields.values.flatMap(\.optionKeys)
        }
    }

    var paths: [Path] {
        switch self {
        case .literal, .shown, .rendered: []
        case .path(let p): [p]
        case .record(let fields): fields.values.flatMap(\.paths)
        }
    }

    /// Text keys the expression shows (`{shown: key}`), which must exist.
    var textKeys: [String] {
        switch self {
        case .shown(let key), .rendered(let key): [key]
        case .literal, .path: []
        case .record(let fields): fields.values.flatMap(\.textKeys)
        }
    }
}

/// A test in a flow file: `change[lg]`, `not consent.deelname`, `empty wishes`, `score[lg] >= 7`,
/// joined with `and` / `or` (`or` binds weakest).
public indirect enum Condition: Sendable, Hashable {
    case truthy(Path)
    case not(Condition)
    case compare(Path, Comparison, Value)
    /// `count list > 3`: the number of items of a list.
    case count(Path, Comparison, Int)
    /// `lg in veranderen`: the value is one of the list's items.
    case member(Path, of: Path)
    case all([Condition])
    case any([Condition])

    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", atLeast = ">=", atMost = "<=", greater = ">", less = "<"

        func holds(_ a: Int, _ b: Int) -> Bool {
            switch self {
            case .equal: a == b
            case .notEqual: a != b
            case .atLeast: a >= b
            case .atMost: a <= b
            case .greater: a > b
            case .less: a < b
            }
        }
    }

    public init(parsing text: String) throws(PathError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let ors = t.components(separatedBy: " or ")
        if ors.count > 1 {
            self = .any(try ors.map { s throws(PathError) in try Condition(parsing: s) })
            return
        }
        let ands = t.components(separatedBy: " and ")
        if ands.count > 1 {
            self = .all(try ands.map { s throws(PathError) in try Condition(parsing: s) })
            return
        }
        if t.hasPrefix("not ") {
            self = .not(try Condition(parsing: String(t.dropFirst(4))))
            return
        }
        if t.hasPrefix("empty ") {
            self = .not(.truthy(try Path(parsing: String(t.dropFirst(6)))))
            return
        }
        if t.hasPrefix("count ") {
            for op in [Comparison.atLeast, .atMost, .equal, .notEqual, .greater, .less] {
                let parts = t.dropFirst(6).components(separatedBy: " \(op.rawValue) ")
                if parts.count == 2 {
                    guard let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
                        throw PathError(text: text, reason: "a count is compared with a whole number")
                    }
                    self = .count(try Path(parsing: parts[0]), op, n)
                    return
                }
            }
            throw PathError(text: text, reason: "a count needs a comparison (count list > 3)")
        }
        let membership = t.components(separatedBy: " in ")
        if membership.count == 2 {
            self = .member(try Path(parsing: membership[0]), of: try Path(parsing: membership[1]))
            return
        }
        for op in [Comparison.atLeast, .atMost, .equal, .notEqual, .greater, .less] {
            let parts = t.components(separatedBy: " \(op.rawValue) ")
            if parts.count == 2 {
                self = .compare(try Path(parsing: parts[0]), op, Self.literal(parts[1]))
                return
            }
        }
        self = .truthy(try Path(parsing: t))
    }

    private static func literal(_ text: String) -> Value {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let n = Int(t) { return .number(n) }
        switch t {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "none", "null": return .none
        default: return .text(t.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
        }
    }

    func holds(in scope: Scope) -> Bool {
        switch self {
        case .truthy(let p): return scope.value(at: p)?.isTruthy ?? false
        case .not(let c): return !c.holds(in: scope)
        case .all(let cs): return cs.allSatisfy { $0.holds(in: scope) }
        case .any(let cs): return cs.contains { $0.holds(in: scope) }
        case .count(let p, let op, let n):
            return op.holds(scope.value(at: p)?.listItems.count ?? 0, n)
        case .member(let p, let list):
            guard let value = scope.value(at: p), value != .none else { return false }
            return (scope.value(at: list)?.listItems ?? []).contains { $0 == value || ($0.key != nil && $0.key == value.key) }
        case .compare(let p, let op, let literal):
            let value = scope.value(at: p) ?? .none
            if case .number(let a) = value, case .number(let b) = literal { return op.holds(a, b) }
            let same = value == literal || (value.key != nil && value.key == literal.key)
            switch op {
            case .equal: return same
            case .notEqual: return !same
            default: return false
            }
        }
    }

    var paths: [Path] {
        switch self {
        case .truthy(let p), .compare(let p, _, _), .count(let p, _, _): [p]
        case .member(let p, let list): [p, list]
        case .not(let c): c.paths
        case .all(let cs), .any(let cs): cs.flatMap(\.paths)
        }
    }
}
