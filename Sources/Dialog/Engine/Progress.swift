/// "Vraag 3 van 10": how many questions of this module are done, and how many are still ahead on
/// the default path (loops counted by the length of their list as it is now).
struct Progress {
    let path: DefaultPath
    let state: Conversation

    func position() -> (n: Int, total: Int) {
        let ahead = count(from: state.node, until: nil, frames: state.frames)
        let n = state.answeredInModule + 1
        return (n, max(n, state.answeredInModule + ahead))
    }

    private func count(from start: String?, until stop: String?, frames: [LoopFrame]) -> Int {
        var frames = frames
        // A path is a few dozen nodes: a list searched from the end beats hashing every id into a set.
        var visited: [String] = []
        var total = 0
        var current = start
        while let id = current, id != stop, !visited.contains(id), let step = path.steps[id] {
            visited.append(id)
            if let module = step.module, module != state.module, id != start { break }
            switch step.kind {
            case .question:
                total += 1
                current = step.next
            case .pass:
                current = step.next
            case .each(let list, let body, let then):
                let remaining: Int
                if frames.last?.node == id {
                    let frame = frames.removeLast()
                    remaining = frame.items.count - frame.index - 1
                    // The rest of the current pass, from where we are, was counted before we got here.
                } else {
                    // A list not known yet counts as one pass.
                    remaining = Scope(root: state.vars).value(at: list)?.listItems.count ?? 1
                }
                total += max(0, remaining) * count(from: body, until: id, frames: [])
                current = then
            case .stop:
                current = nil
            }
        }
        return total
    }
}

/// Each node as the progress count sees it: what kind of step it is, its module and where the
/// default path goes next. Made once per engine, so counting does not copy whole nodes (their
/// questions, routes and actions) at every step of every count.
struct DefaultPath: Sendable {
    struct Step: Sendable {
        enum Kind: Sendable {
            case question, pass, stop
            case each(list: Path, body: String, then: String)
        }
        let kind: Kind
        let module: String?
        let next: String?
    }

    let steps: [String: Step]

    init(_ flow: Flow) {
        steps = flow.nodes.mapValues { node in
            let next = node.next ?? node.routes.last?.target
            let kind: Step.Kind = switch node.kind {
            case .ask: .question
            case .say, .branch: .pass
            case .each(let list, _, let body, let then): .each(list: list, body: body, then: then)
            case .pause, .end: .stop
            }
            return Step(kind: kind, module: node.module, next: next)
        }
    }
}
