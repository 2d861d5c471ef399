/// "Vraag 3 van 10": how many questions of this module are done, and how many are still ahead on
/// the default path (loops counted by the length of their list as it is now).
struct Progress {
    let path: DefaultPath
    let state: Conversation

    func position() -> (n: Int, total: Int) {
        let ahead = count(from: state.node.flatMap { path.index[$0] }, until: nil, frames: state.frames[...])
        let n = state.answeredInModule + 1
        return (n, max(n, state.answeredInModule + ahead))
    }

    private func count(from start: Int?, until stop: Int?, frames: ArraySlice<LoopFrame>) -> Int {
        var frames = frames
        // Guards against a default path that loops back.
        var visited = [Bool](repeating: false, count: path.steps.count)
        var total = 0
        var current = start
        while let i = current, i != stop, !visited[i] {
            visited[i] = true
            let step = path.steps[i]
            if let module = step.module, module != state.module, i != start { break }
            switch step.kind {
            case .question:
                total += 1
                current = step.next
            case .pass:
                current = step.next
            case .each(let list, let body, let then):
                let remaining: Int
                if frames.last?.node == step.id {
                    let frame = frames.removeLast()
                    // The rest of the current pass, from where we are, was counted before we got here.
                    remaining = frame.items.count - frame.index - 1
                } else {
                    // A list not known yet counts as one pass.
                    remaining = Scope(root: state.vars).value(at: list)?.listItems.count ?? 1
                }
                if remaining > 0, let body {
                    total += remaining * count(from: body, until: i, frames: [])
                }
                current = then
            case .stop:
                current = nil
            }
        }
        return total
    }
}

/// Each node as the progress count sees it: what kind of step it is, its module and where the
/// default path goes next, with nodes numbered so a count walks an array instead of hashing ids.
/// Made once per engine.
struct DefaultPath: Sendable {
    struct Step: Sendable {
        enum Kind: Sendable {
            case question, pass, stop
            case each(list: Path, body: Int?, then: Int?)
        }
        let id: String
        let kind: Kind
        let module: String?
        let next: Int?
    }

    let steps: [Step]
    let index: [String: Int]

    init(_ flow: Flow) {
        let nodes = flow.nodes.values.sorted { $0.id < $1.id }
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.id, $0.offset) })
        steps = nodes.map { node in
            let next = (node.next ?? node.routes.last?.target).flatMap { index[$0] }
            let kind: Step.Kind = switch node.kind {
            case .ask: .question
            case .say, .branch: .pass
            case .each(let list, _, let body, let then): .each(list: list, body: index[body], then: index[then])
            case .pause, .end: .stop
            }
            return Step(id: node.id, kind: kind, module: node.module, next: next)
        }
        self.index = index
    }
}
