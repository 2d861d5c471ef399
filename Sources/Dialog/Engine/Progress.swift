/// "Vraag 3 van 10": the number of the waiting question in its part, and the most questions the
/// part can still have. The way ahead is counted as the longest the conversation can still
/// take: a branch that depends on an answer not given yet counts its longer side, and a loop over
/// a list not known yet counts its `at_most` passes. Answers then only shorten the way, so the
/// total shown never grows within a part. A way back to an earlier question (a correction after
/// "Klopt dit? nee") is not counted.
struct Progress {
    let graph: QuestionGraph
    let state: Conversation

    /// The waiting question's number, and the total counting it (nil without a waiting question).
    func position() -> (n: Int, total: Int?) {
        let n = state.answeredInModule + 1
        guard let node = state.node, let start = graph.index[node] else { return (n, nil) }
        var walk = Walk(graph: graph, module: state.module, scope: Scope(root: state.vars), start: start)
        return (n, state.answeredInModule + walk.longest(from: start, until: nil, frames: state.frames[...]))
    }

    private struct Walk {
        let graph: QuestionGraph
        let module: String?
        let scope: Scope
        let start: Int
        var memo: [Int: Int] = [:]
        var onStack: [Bool]
        /// The stack of a loop body's walk, kept for the next body.
        var spare: [Bool]

        init(graph: QuestionGraph, module: String?, scope: Scope, start: Int) {
            self.graph = graph
            self.module = module
            self.scope = scope
            self.start = start
            onStack = Array(repeating: false, count: graph.steps.count)
            spare = onStack
        }

        mutating func longest(from i: Int, until stop: Int?, frames: ArraySlice<LoopFrame>) -> Int {
            if i == stop || onStack[i] { return 0 }
            let step = graph.steps[i]
            if let module = step.module, module != self.module, i != start { return 0 }
            let key = i * (graph.steps.count + 1) + (stop ?? graph.steps.count)
            if frames.isEmpty, let known = memo[key] { return known }
            onStack[i] = true
            defer { onStack[i] = false }
            var result = 0
            switch step.kind {
            case .question:
                for target in step.onward { result = max(result, longest(from: target, until: stop, frames: frames)) }
                result += 1
            case .pass(let routes):
                for target in targets(of: step, routes) { result = max(result, longest(from: target, until: stop, frames: frames)) }
            case .each(let list, let body, let then, let atMost):
                var rest = frames
                let passes: Int
                if rest.last?.node == step.id {
                    // Inside this loop now: the rest of this pass was counted on the way here.
                    let frame = rest.removeLast()
                    passes = frame.items.count - frame.index - 1
                } else if let items = scope.value(at: list), items != .none {
                    passes = items.listItems.count
                } else {
                    passes = atMost ?? 1
                }
                if passes > 0, let body { result = passes * bodyLength(body, loop: i) }
                if let then { result += longest(from: then, until: stop, frames: rest) }
            case .stop:
                break
            }
            if frames.isEmpty { memo[key] = result }
            return result
        }

        /// One pass of a loop's body, walked on a stack of its own: the way here may run through it.
        private mutating func bodyLength(_ body: Int, loop: Int) -> Int {
            swap(&onStack, &spare)
            defer { swap(&onStack, &spare) }
            return longest(from: body, until: loop, frames: [])
        }

        /// Where a step without a question goes: the one way its routes decide on what is known,
        /// or every way when a route depends on an answer.
        private func targets(of step: QuestionGraph.Step, _ routes: [(Condition, Int?)]) -> [Int] {
            guard step.decidable else { return step.targets }
            if let taken = routes.first(where: { $0.0.holds(in: scope) }) { return taken.1.map { [$0] } ?? [] }
            return step.next.map { [$0] } ?? []
        }
    }
}
