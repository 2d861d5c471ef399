import Foundation

/// Where lookups happen: the root variables (with `overlay` over them: a system text's extra
/// values) plus the items of enclosing template sections.
struct Scope {
    var root: [String: Value]
    var overlay: [String: Value] = [:]
    var items: [Value] = []

    /// The concrete keys a path names, with bracketed parts resolved; nil if an index is unknown.
    func keys(of path: Path) -> [String]? {
        var keys: [String] = []
        for segment in path.segments {
            switch segment {
            case .name(let n): keys.append(n)
            case .indexed(let n, let inner):
                guard let key = value(at: inner)?.key else { return nil }
                keys.append(n)
                keys.append(key)
            case .current: return nil
            }
        }
        return keys
    }

    /// Walks the path without building its list of keys first: lookups run several times per
    /// message in conditions and texts.
    func value(at path: Path) -> Value? {
        var segments = path.segments[...]
        guard let head = segments.popFirst() else { return nil }
        var current: Value
        switch head {
        case .current:
            return segments.isEmpty ? items.last : nil
        case .name(let n):
            guard let start = start(n) else { return nil }
            current = start
        case .indexed(let n, let inner):
            guard let key = value(at: inner)?.key, let start = start(n)?[key] else { return nil }
            current = start
        }
        for segment in segments {
            switch segment {
            case .current:
                return nil
            case .name(let n):
                guard let next = current[n] else { return nil }
                current = next
            case .indexed(let n, let inner):
                guard let key = value(at: inner)?.key, let next = current[n]?[key] else { return nil }
                current = next
            }
        }
        return current
    }

    /// Inside a section, a name first refers to a field of the current item.
    private func start(_ name: String) -> Value? {
        for item in items.reversed() {
            if case .record(let fields) = item, let start = fields[name] { return start }
        }
        if !overlay.isEmpty, let value = overlay[name] { return value }
        return root[name]
    }
}

extension Dictionary where Key == String, Value == Dialog.Value {
    /// Sets a nested value, creating records on the way.
    mutating func set(_ keys: ArraySlice<String>, to newValue: Dialog.Value) {
        guard let first = keys.first else { return }
        if keys.count == 1 {
            self[first] = newValue
            return
        }
        var inner: [String: Dialog.Value]
        if case .record(let fields)? = self[first] { inner = fields } else { inner = [:] }
        inner.set(keys.dropFirst(), to: newValue)
        self[first] = .record(inner)
    }
}
