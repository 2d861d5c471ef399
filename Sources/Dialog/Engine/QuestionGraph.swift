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
            let kind: Step.Kind =
                switch node.kind {
                case .ask: .question
                case .say, .branch: .pass(node.routes.map { ($0.condition, index[$0.target]) })
                case .each(let list, _, let body, let then): .each(list: list, body: index[body], then: index[then], atMost: node.atMost)
                case .pause, .end: .stop
                }
            let targets: [Int] =
                switch node.kind {
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
