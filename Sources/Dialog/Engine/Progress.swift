/// "Vraag 3 van 8": the number of the waiting question in its part, and the most questions the
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
        var walk = Walk(graph: graph, state: state, scope: Scope(root: state.vars), start: start)
        return (n, state.answeredInModule + walk.longest(from: start, until: nil, frames: state.frames[...]))
    }

    private struct Walk {
        let graph: QuestionGraph
        let state: Conversation
        let scope: Scope
        let start: Int
        var memo: [Int: Int] = [:]
        var onStack: [Bool]

        init(graph: QuestionGraph, state: Conversation, scope: Scope, start: Int) {
            self.graph = graph
            self.state = state
            self.scope = scope
            self.start = start
            onStack = Array(repeating: false, count: graph.steps.count)
        }

        mutating func longest(from i: Int, until stop: Int?, frames: ArraySlice<LoopFrame>) -> Int {
            if i == stop || onStack[i] { return 0 }
            let step = graph.steps[i]
            if let module = step.module, module != state.module, i != start { return 0 }
            let key = i * (graph.steps.count + 1) + (stop ?? graph.steps.count)
            if frames.isEmpty, let known = memo[key] { return known }
            onStack[i] = true
            defer { onStack[i] = false }
            let result: Int
            switch step.kind {
            case .question:
                let onward = step.targets.filter { !graph.leadsBack(to: i, from: $0) }
                result = 1 + (onward.isEmpty ? step.targets : onward).map { longest(from: $0, until: stop, frames: frames) }.max(orZero: ())
            case .pass(let routes):
                result = targets(of: step, routes).map { longest(from: $0, until: stop, frames: frames) }.max(orZero: ())
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
                // One pass of the body, walked on its own: the way here may run through it.
                var pass = Walk(graph: graph, state: state, scope: scope, start: start)
                let inner = passes > 0 ? body.map { passes * pass.longest(from: $0, until: i, frames: []) } ?? 0 : 0
                result = inner + (then.map { longest(from: $0, until: stop, frames: rest) } ?? 0)
            case .stop:
                result = 0
            }
            if frames.isEmpty { memo[key] = result }
            return result
        }

        /// Where a step without a question goes: the one way its routes decide on what is known,
        /// or every way when a route depends on an answer.
        private func targets(of step: QuestionGraph.Step, _ routes: [(Condition, Int?)]) -> [Int] {
            guard routes.allSatisfy({ !graph.dependsOnAnswers($0.0) }) else { return step.targets }
            if let taken = routes.first(where: { $0.0.holds(in: scope) }) { return taken.1.map { [$0] } ?? [] }
            return step.next.map { [$0] } ?? []
        }
    }
}

extension Array where Element == Int {
    func max(orZero: ()) -> Int { self.max() ?? 0 }
}

/// The flow's nodes as the question count walks them, numbered so a walk indexes arrays instead
/// of hashing ids. Made once per engine.
struct QuestionGraph: Sendable {
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
    }

    let steps: [Step]
    let index: [String: Int]
    /// The variables that questions save (their first name): a route on one of them is decided by an answer.
    let answered: Set<String>
    /// The nodes each node can lead to, where a loop leads only past its body.
    let reachable: [Set<Int>]

    init(_ flow: Flow) {
        let nodes = flow.nodes.values.sorted { $0.id < $1.id }
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.id, $0.offset) })
        answered = Set(nodes.compactMap { $0.question?.save.flatMap(QuestionGraph.root) })
        steps = nodes.map { node in
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
            return Step(id: node.id, kind: kind, module: node.module, next: next, targets: targets)
        }
        self.index = index
        let onward: [[Int]] = steps.map { step in
            if case .each(_, _, let then, _) = step.kind { return then.map { [$0] } ?? [] }
            return step.targets
        }
        reachable = steps.indices.map { start in
            var seen = Set<Int>()
            var queue = onward[start]
            while let next = queue.popLast() {
                if seen.insert(next).inserted { queue += onward[next] }
            }
            return seen
        }
    }

    static func root(_ path: Path) -> String? {
        switch path.segments.first {
        case .name(let n)?, .indexed(let n, _)?: n
        default: nil
        }
    }

    func dependsOnAnswers(_ condition: Condition) -> Bool {
        condition.paths.contains { QuestionGraph.root($0).map(answered.contains) ?? false }
    }

    /// Whether `target` can lead back to `node` (a loop's body aside): a way back, not ahead.
    func leadsBack(to node: Int, from target: Int) -> Bool {
        target == node || reachable[target].contains(node)
    }
}
