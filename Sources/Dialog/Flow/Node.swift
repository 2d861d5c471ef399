public struct Node: Sendable {
    public enum Kind: Sendable {
        case say([String])
        case ask(Question)
        case each(list: Path, alias: String, body: String, then: String)
        case branch
        /// Tells the inwoner we stop here for now; the next message continues at `next`.
        case pause(String)
        case end(String?)
    }

    public var id: String
    public var kind: Kind
    public var next: String?
    public var routes: [Route] = []
    public var actions: [Action] = []
    /// Entering this node starts this module (resets the question count).
    public var module: String?
    public var line: Int
    /// For an `each` loop over a list not known yet: at most this many passes (for the question count).
    public var atMost: Int?

    public var question: Question? {
        if case .ask(let q) = kind { return q }
        return nil
    }

    /// Every node this one can lead to.
    public var targets: [String] {
        var result = routes.map(\.target)
        if let next { result.append(next) }
        switch kind {
        case .each(_, _, let body, let then): result += [body, then]
        case .ask(let q): if let s = q.onStuck { result.append(s) }
        default: break
        }
        return result
    }
}
