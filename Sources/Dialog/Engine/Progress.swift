/// "Vraag 3 van 10": how many questions of this module are done, and how many are still ahead on
/// the default path (loops counted by the length of their list as it is now).
struct Progress {
    let flow: Flow
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
        while let id = current, id != stop, !visited.contains(id), let node = flow.nodes[id] {
            visited.append(id)
            if let module = node.module, module != state.module, id != start { break }
            switch node.kind {
            case .ask:
                total += 1
                current = node.next ?? node.routes.last?.target
            case .say, .branch:
                current = node.next ?? node.routes.last?.target
            case .each(let list, _, let body, let then):
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
            case .pause, .end:
                current = nil
            }
        }
        return total
    }
}
