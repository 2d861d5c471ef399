/// How a turn reacts to what came in: commands first, then an answer to the waiting question.
extension Turn {
    mutating func begin() throws(FlowFault) {
        // After STOP nothing is sent until START, also not when a professional enrols again.
        if state.optedOut { return }
        if state.started { try reask(prefix: nil) } else { try enter(flow.start) }
    }

    mutating func receive(_ text: String) throws(FlowFault) {
        let folded = AnswerText.fold(text)
        let command = flow.commands.command(folded: folded)
        // Signs of a crisis are answered before anything else, at any moment, also after STOP:
        // the reply answers the person's own message.
        if command == nil, let kind = engine.signals.crisis(in: Words(text)) { return crisis(kind, text) }
        if state.optedOut {
            // After STOP nothing is sent until START.
            if command == .start { try optIn() }
            return
        }
        if command == .stop { return optOut() }
        if let language = flow.commands.language(folded: folded) { return try switchLanguage(to: language) }
        guard state.started else { return try enter(flow.start) }
        if state.finished {
            if let menu = flow.menu, menu.condition?.holds(in: scope) ?? true {
                return try choose(from: menu, text, folded: folded, command: command)
            }
            say(command == .help ? "system.contact" : "system.ended")
            return
        }
        if state.paused {
            state.paused = false
            // After a crisis reply, an answer to the question still waiting counts as one.
            if state.afterCrisis, let id = state.node, let node = try? node(id), let question = node.question,
                case .value(let value) = interpret(text, question.answer)
            {
                state.afterCrisis = false
                return try accept(value, raw: text, at: node, question)
            }
            return try resume()
        }
        switch command {
        case .help: try help()
        case .back: try back()
        case .repeatQuestion, .start: try reask(prefix: nil)
        case .skip: try skip()
        case .pause:
            state.paused = true
            say("system.paused")
        case .stop: break
        case nil: try answer(text)
        }
    }

    mutating func optOut() {
        state.optedOut = true
        outputs.append(.optedOut)
        say("system.optout")
    }

    mutating func optIn() throws(FlowFault) {
        state.optedOut = false
        outputs.append(.optedIn)
        if state.started, !state.finished, state.node != nil {
            state.paused = false
            return try reask(prefix: render("system.optin"))
        }
        say("system.optin")
        if !state.started { try enter(flow.start) }
    }

    mutating func switchLanguage(to language: Language) throws(FlowFault) {
        state.language = language
        outputs.append(.languageChanged(language))
        guard state.started else { return try enter(flow.start) }
        if state.finished { return say("system.language") }
        state.paused = false
        try reask(prefix: render("system.language"))
    }

    /// Continues after a pause or a STOP: a one-line recap, then the waiting question.
    mutating func resume() throws(FlowFault) {
        guard let id = state.node else { return say("system.ended") }
        let node = try node(id)
        // After a pause between modules the recap names the module that comes next.
        let module = flow.module(node.module ?? state.module)
        // Flows without modules (a follow-up question) get a plain welcome back; after a crisis
        // the conversation only goes on if the inwoner wants to.
        var recap = module.map { render("system.resume", extra: ["module": .text(render($0.title))]) } ?? render("system.welcome_back")
        if state.afterCrisis {
            state.afterCrisis = false
            recap = render("system.resume_after_crisis")
        }
        if node.question != nil {
            try ask(node, prefix: recap)
        } else {
            outputs.append(.say(key: "system.resume", text: recap))
            try enter(id)
        }
    }

    mutating func reask(prefix: String?) throws(FlowFault) {
        guard let id = state.node else {
            let menu = flow.menu.flatMap { $0.condition?.holds(in: scope) ?? true ? $0 : nil }
            return say(menu?.text ?? "system.ended")
        }
        let node = try node(id)
        guard node.question != nil else { return try enter(id) }
        try ask(node, prefix: prefix)
    }

    mutating func help() throws(FlowFault) {
        guard let id = state.node, let question = try node(id).question else { return say("system.contact") }
        var lines: [String] = []
        if let key = question.help { lines.append(render(key)) }
        lines.append(render(howToKey(question.answer)))
        lines.append(render("system.contact"))
        outputs.append(.say(key: "system.help", text: lines.joined(separator: "\n")))
    }

    mutating func back() throws(FlowFault) {
        guard state.history.count >= 2 else { return say("system.no_previous") }
        state.history.removeLast()
        let checkpoint = state.history[state.history.count - 1]
        checkpoint.restore(into: &state)
        try ask(try node(checkpoint.node), prefix: nil)
    }

    mutating func skip() throws(FlowFault) {
        guard let id = state.node else { return say("system.ended") }
        let node = try node(id)
        guard let question = node.question, question.optional else { return say("system.cannot_skip") }
        try accept(.none, raw: "", at: node, question)
    }

    /// After the intake: the plan, an action done, a new action or score, contact, or the menu.
    mutating func choose(from menu: Menu, _ text: String, folded: String, command: Command?) throws(FlowFault) {
        if command == .help {
            outputs.append(.alert(kind: .contact, node: "menu", detail: text))
            return say(menu.help)
        }
        switch menu.choice(text, folded: folded) {
        case .plan?: outputs.append(.request(.plan))
        case .contact?:
            outputs.append(.alert(kind: .contact, node: "menu", detail: text))
            say(menu.contactText)
        case .done(let number?)?: outputs.append(.request(.actionDone(number: number)))
        case .done(nil)?: say(menu.whichAction)
        case .node(let id)?:
            // A part of the flow again (a new action, a new score): no module, no count.
            state.finished = false
            state.module = nil
            state.partTotal = nil
            state.answeredInModule = 0
            try enter(id)
        case nil:
            var lines: [String] = []
            switch engine.signals.other(in: Words(text)) {
            case .disclosure?:
                outputs.append(.note(text: text, node: nil))
                lines.append(render("signaal.verteld"))
            case .complaint?: lines.append(render("signaal.klacht"))
            case .question(let kind)? where kind != .meaning && kind != .howLong:
                lines.append(render("signaal.vraag.\(kind.rawValue)"))
            default: break
            }
            lines.append(render(menu.text))
            outputs.append(.say(key: menu.text, text: lines.joined(separator: "\n")))
        }
    }

    func howToKey(_ spec: AnswerSpec) -> String {
        spec.type == .choice && spec.multiple ? "howto.choice_multiple" : "howto.\(spec.type.rawValue)"
    }
}
