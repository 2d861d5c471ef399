/// Walking the flow: entering nodes until one waits for an answer.
extension Turn {
    mutating func enter(_ start: String) throws(FlowFault) {
        var current: String? = start
        while let id = current {
            steps += 1
            guard steps <= flow.limits.maxSteps else {
                throw FlowFault(description: "more than \(flow.limits.maxSteps) steps without a question, last at '\(id)'")
            }
            let node = try node(id)
            if let module = node.module, module != state.module {
                state.module = module
                state.answeredInModule = 0
                state.partTotal = nil
                outputs.append(.moduleStarted(module))
            }
            switch node.kind {
            case .ask(let question):
                return try ask(node, prefix: nil, silently: question.quiet)
            case .say(let keys):
                try run(node.actions)
                for key in keys { say(key) }
                current = try route(node)
            case .branch:
                try run(node.actions)
                current = try route(node)
            case .each(let list, let alias, let body, let then):
                current = loop(node, list: list, alias: alias, body: body, then: then)
            case .pause(let key):
                try run(node.actions)
                say(key)
                state.paused = true
                state.node = node.next
                return
            case .end(let key):
                try run(node.actions)
                if let key { say(key) }
                state.finished = true
                state.node = nil
                outputs.append(.ended)
                return
            }
        }
        throw FlowFault(description: "the flow stops after '\(start)' without an end node")
    }

    /// Starts or continues an `each` loop; returns the next node to enter.
    mutating func loop(_ node: Node, list: Path, alias: String, body: String, then: String) -> String {
        if state.frames.last?.node == node.id {
            state.frames[state.frames.count - 1].index += 1
        } else {
            state.frames.removeAll { $0.node == node.id }
            let items = scope.value(at: list)?.listItems ?? []
            state.frames.append(LoopFrame(node: node.id, alias: alias, items: items, index: 0))
        }
        let frame = state.frames[state.frames.count - 1]
        if frame.index < frame.items.count {
            state.vars[alias] = frame.items[frame.index]
            state.vars["\(alias)_n"] = .number(frame.index + 1)
            return body
        }
        state.frames.removeLast()
        state.vars[alias] = nil
        state.vars["\(alias)_n"] = nil
        return then
    }

    /// Sends a question and waits. `prefix` goes on the first line (a recap, a language note).
    mutating func ask(_ node: Node, prefix: String?, silently: Bool = false) throws(FlowFault) {
        guard let question = node.question else { throw FlowFault(description: "'\(node.id)' is not a question") }
        state.node = node.id
        let options = question.answer.showsOptions ? self.options(for: question.answer) : []
        // A choice with one option is no choice: it is taken without asking (and without a
        // checkpoint, so TERUG passes it by).
        if question.answer.type.hasOptions, !question.quiet {
            if options.count == 1, question.answer.options.allSatisfy({ if case .items = $0 { true } else { false } }) {
                let value = question.answer.multiple ? Value.list([options[0].value]) : options[0].value
                if let prefix { outputs.append(.say(key: "system.prefix", text: prefix)) }
                return try accept(value, raw: "", at: node, question, counted: false)
            }
        }
        if state.history.last?.node != node.id || state.history.last?.frames != state.frames {
            state.history.append(Checkpoint(of: state, at: node.id))
            if state.history.count > flow.limits.historyDepth { state.history.removeFirst() }
        }
        if silently { return }
        var lines: [String] = []
        if let prefix { lines.append(prefix) }
        if let line = progressLine() { lines.append(line) }
        lines.append(render(question.text))
        if question.answer.showsOptions, !options.isEmpty { lines.append(Self.numbered(options)) }
        for part in MessageSplitter.split(lines.joined(separator: "\n")) {
            outputs.append(.say(key: question.text, text: part))
        }
    }

    /// The waiting question's number in its part and the part's total: the most questions the
    /// part can still have, never more than the total shown before in this part.
    func progressNumbers() -> (n: Int, total: Int?) {
        let position = Progress(graph: engine.questionGraph, state: state).position()
        guard let fixed = state.partTotal else { return position }
        return (position.n, position.total.map { min($0, fixed) } ?? fixed)
    }

    /// "Deel 2, vraag 3 van 8": per part, the total fixed when the part starts and only ever
    /// lowered as questions fall away. A path longer than the total (a correction) shows no total.
    mutating func progressLine() -> String? {
        guard let module = state.module else { return nil }
        let (n, total) = progressNumbers()
        state.partTotal = total
        var extra: [String: Value] = ["n": .number(n)]
        if let total, total >= n { extra["total"] = .number(total) }
        let modules = flow.modules
        if modules.count > 1, let index = modules.firstIndex(where: { $0.id == module }) {
            extra["deel"] = .number(index + 1)
            return render("system.progress_part", extra: extra)
        }
        return render("system.progress", extra: extra)
    }

    /// Stores a valid answer, runs the node's actions and moves on. An answer taken without
    /// asking (a single option) is not `counted` as a question answered.
    mutating func accept(_ value: Value, raw: String, at node: Node, _ question: Question, counted: Bool = true) throws(FlowFault) {
        var key = node.id
        if let save = question.save {
            guard let keys = scope.keys(of: save) else {
                throw FlowFault(description: "'\(node.id)' saves to '\(save)' whose index has no value")
            }
            state.vars.set(keys[...], to: value)
            key = keys.joined(separator: ".")
        }
        outputs.append(.answer(Answer(node: node.id, key: key, value: value, module: state.module, raw: raw)))
        state.tries = 0
        state.pending = nil
        if counted { state.answeredInModule += 1 }
        try run(node.actions)
        guard let next = try route(node) else { throw FlowFault(description: "'\(node.id)' has no next node") }
        try enter(next)
    }

    /// Three failed tries: flag the question for the professional and move on.
    mutating func stuck(at node: Node, _ question: Question, raw: String) throws(FlowFault) {
        outputs.append(.alert(kind: .stuckQuestion, node: node.id, detail: raw))
        say("system.stuck")
        state.tries = 0
        if let target = question.onStuck { return try enter(target) }
        try accept(.none, raw: raw, at: node, question)
    }

    func route(_ node: Node) throws(FlowFault) -> String? {
        let scope = self.scope
        return node.routes.first { $0.condition.holds(in: scope) }?.target ?? node.next
    }

    mutating func run(_ actions: [Action]) throws(FlowFault) {
        for action in actions { try run(action) }
    }

    mutating func run(_ action: Action) throws(FlowFault) {
        switch action {
        case .set(let path, let expr):
            try assign(path, expr.evaluate(in: scope) { key in render(key) })
        case .append(let path, let expr):
            let value = expr.evaluate(in: scope) { key in render(key) }
            let existing = scope.value(at: path)?.listItems ?? []
            try assign(path, .list(existing + [value]))
        case .emit(let kind, let fields, let idPath):
            // An id already at `idPath` is reused: a corrected answer updates its record.
            let id: String
            if let idPath, case .text(let existing)? = scope.value(at: idPath) {
                id = existing
            } else {
                id = "\(kind)-\(state.nextID)"
                state.nextID += 1
                if let idPath { try assign(idPath, .text(id)) }
            }
            let scope = self.scope
            let values = fields.mapValues { $0.evaluate(in: scope) { key in render(key) } }
            outputs.append(.record(kind: kind, id: id, fields: values))
        case .complete(let module):
            outputs.append(.moduleCompleted(module))
        case .findVoorzieningen(let lookup, let into):
            let found: [Voorziening]
            switch lookup {
            case .fitting(let leefgebied, let kinds):
                let scope = self.scope
                let wanted = (kinds?.evaluate(in: scope).listItems ?? []).compactMap { $0.key.flatMap(ResourceKind.init(rawValue:)) }
                found = leefgebied.evaluate(in: scope).key.map { engine.socialMap.fitting(leefgebied: $0, kinds: Set(wanted)) } ?? []
            case .reciprocity:
                found = engine.socialMap.reciprocity()
            }
            try assign(into, .list(found.map(\.offer)))
        case .when(let condition, let inner):
            if condition.holds(in: scope) { try run(inner) }
        }
    }

    mutating func assign(_ path: Path, _ value: Value) throws(FlowFault) {
        guard let keys = scope.keys(of: path) else {
            throw FlowFault(description: "cannot set '\(path)': an index has no value")
        }
        state.vars.set(keys[...], to: value)
    }
}
