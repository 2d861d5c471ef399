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

/// The flow's nodes as the question count walks them, numbered so a walk indexes arrays instead
/// of hashing ids. Made once per engine.
final class QuestionGraph: Sendable {
    struct Step: Sendable {
        enum Kind: Sendable {
            case question
            case pass([(Condition, Int?)])
            case each(list: Path, body: Int?, then: Int?, atMost: Int?)
            case stop
        }
        let id: String
        let kind: Kind
        let module: String?
        let next: Int?
        /// Every node this one can lead to.
        let targets: [Int]
        /// Of a question's targets, those that do not lead back to it (a correction): the way ahead.
        var onward: [Int] = []
        /// Whether its routes depend only on what is known already, not on an answer to come.
        var decidable = true
    }

    let steps: [Step]
    let index: [String: Int]

    init(_ flow: Flow) {
        let nodes = flow.nodes.values.sorted { $0.id < $1.id }
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.id, $0.offset) })
        // The variables that questions save (their first name): a route on one of them is decided by an answer.
        let answered = Set(nodes.compactMap { $0.question?.save.flatMap(QuestionGraph.root) })
        var steps = nodes.map { node in
            let next = node.next.flatMap { index[$0] }
            let kind: Step.Kind = switch node.kind {
            case .ask: .question
            case .say, .branch: .pass(node.routes.map { ($0.condition, index[$0.target]) })
            case .each(let list, _, let body, let then): .each(list: list, body: index[body], then: index[then], atMost: node.atMost)
            case .pause, .end: .stop
            }
            let targets: [Int] = switch node.kind {
            case .each, .pause, .end: []
            default: (node.routes.map(\.target) + (node.next.map { [$0] } ?? [])).compactMap { index[$0] }
            }
            var step = Step(id: node.id, kind: kind, module: node.module, next: next, targets: targets)
            step.decidable = !node.routes.contains { route in
                route.condition.paths.contains { QuestionGraph.root($0).map(answered.contains) ?? false }
            }
            return step
        }
        // The nodes each node can lead to, where a loop leads only past its body.
        let ahead: [[Int]] = steps.map { step in
            if case .each(_, _, let then, _) = step.kind { return then.map { [$0] } ?? [] }
            return step.targets
        }
        let reachable: [Set<Int>] = steps.indices.map { start in
            var seen = Set<Int>()
            var queue = ahead[start]
            while let next = queue.popLast() {
                if seen.insert(next).inserted { queue += ahead[next] }
            }
            return seen
        }
        for i in steps.indices {
            let onward = steps[i].targets.filter { $0 != i && !reachable[$0].contains(i) }
            steps[i].onward = onward.isEmpty ? steps[i].targets : onward
        }
        self.steps = steps
        self.index = index
    }

    static func root(_ path: Path) -> String? {
        switch path.segments.first {
        case .name(let n)?, .indexed(let n, _)?: n
        default: nil
        }
    }
}
