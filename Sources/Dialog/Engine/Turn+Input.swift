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
        if state.optedOut {
            // After STOP nothing is sent until START.
            if command == .start { try optIn() }
            return
        }
        if command == .stop { return optOut() }
        if let language = flow.commands.language(folded: folded) { return try switchLanguage(to: language) }
        guard state.started else { return try enter(flow.start) }
        if state.finished {
            say(command == .help ? "system.contact" : "system.ended")
            return
        }
        if state.paused {
            state.paused = false
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
        // Flows without modules (a follow-up question) get a plain welcome back.
        let recap = module.map { render("system.resume", extra: ["module": .text(render($0.title))]) } ?? render("system.welcome_back")
        if node.question != nil {
            try ask(node, prefix: recap)
        } else {
            outputs.append(.say(key: "system.resume", text: recap))
            try enter(id)
        }
    }

    mutating func reask(prefix: String?) throws(FlowFault) {
        guard let id = state.node else { return say("system.ended") }
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

    func howToKey(_ spec: AnswerSpec) -> String {
        spec.type == .choice && spec.multiple ? "howto.choice_multiple" : "howto.\(spec.type.rawValue)"
    }
}
