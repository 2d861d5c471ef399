/// Understanding an answer to the waiting question: a value, a guess that is asked back, a
/// message that is no answer (a question back, something told, a complaint), or a re-prompt
/// that repeats what the question asks for.
extension Turn {
    var renderer: Renderer { Renderer(catalog: catalog, language: state.language) }

    var reader: AnswerReader {
        AnswerReader(
            lexicon: engine.lexicon, now: now, calendar: engine.environment.calendar, textMaxLength: flow.limits.textMaxLength,
            ownPhone: {
                if case .text(let phone)? = state.vars[Conversation.ownPhoneVar] { return phone }
                return nil
            }())
    }

    mutating func answer(_ text: String) throws(FlowFault) {
        guard let id = state.node else { return say("system.ended") }
        let node = try node(id)
        guard let question = node.question else { return try enter(id) }
        let message = Words(text)
        // A question back comes first, also where any text is an answer ("waarom vraag je dat?").
        if message.asks, case .question(let kind)? = engine.signals.other(in: message) {
            state.pending = nil
            return try respond(to: .question(kind), text, at: node, question)
        }
        var reading = interpret(text, question.answer)
        if let pending = state.pending {
            state.pending = nil
            // A yes takes the guess; a no asks again, unless it comes with another answer; anything
            // else is read as a new answer.
            switch YesNoParser.parse(text, lexicon: engine.lexicon) {
            case true?: reading = .value(pending)
            case false?:
                if case .value(let other) = reading, other != .none { break }
                return try ask(node, prefix: render("system.confirm_no"))
            case nil: break
            }
        }
        switch reading {
        case .value(let value):
            try accept(value, raw: text, at: node, question)
        case .confirm(let value):
            state.pending = value
            // A proposed day is said in full: "maandag 28 december".
            let shown: Value = if case .date(let day, _) = value { .text(renderer.longDate(day)) } else { value }
            say(Self.confirmKey(question.answer.type), extra: ["value": shown])
        case .retry(let key, let extra):
            if let signal = engine.signals.other(in: message) { return try respond(to: signal, text, at: node, question) }
            state.tries += 1
            if state.tries >= flow.limits.maxTries { return try stuck(at: node, question, raw: text) }
            reprompt(key, extra, node, question)
        }
    }

    func interpret(_ text: String, _ spec: AnswerSpec) -> AnswerReading {
        let bands =
            spec.type == .amount
            ? spec.options.compactMap { source -> AmountParser.Bands? in
                if case .list(let name) = source { return flow.hours[name] }
                return nil
            }.first : nil
        return reader.read(text, spec, options: spec.showsOptions || spec.type == .person ? options(for: spec) : [], bands: bands)
    }

    static func confirmKey(_ type: AnswerType) -> String {
        switch type {
        case .score, .date, .amount: "confirm.\(type.rawValue)"
        default: "confirm.choice"
        }
    }

    /// Not understood: a friendly re-prompt that repeats what the question asks for, with its
    /// choices. A question that waits without being shown repeats itself.
    mutating func reprompt(_ key: String, _ extra: [String: Value], _ node: Node, _ question: Question) {
        if question.quiet { return say(question.text) }
        var lines = [render(key, extra: extra)]
        if question.answer.showsOptions { lines.append(numberedOptions(question.answer)) }
        outputs.append(.say(key: key, text: lines.joined(separator: "\n")))
    }

    /// A message that is no answer: acknowledged in one calm sentence, kept for the professional
    /// when the inwoner told something, answered when it was a question; then the question again.
    mutating func respond(to signal: Signals.Signal, _ text: String, at node: Node, _ question: Question) throws(FlowFault) {
        let reply: String
        switch signal {
        case .crisis(let kind):
            return crisis(kind, text)
        case .disclosure:
            outputs.append(.note(text: text, node: node.id))
            reply = render("signaal.verteld")
        case .complaint:
            reply = render("signaal.klacht")
        case .question(.meaning):
            reply = render(question.help ?? howToKey(question.answer))
        case .question(.howLong):
            let (n, total) = progressNumbers()
            reply =
                total.map { render("signaal.vraag.how_long", extra: ["left": .number($0 - n + 1)]) }
                ?? render("signaal.vraag.how_long_open")
        case .question(let kind):
            reply = render("signaal.vraag.\(kind.rawValue)")
        }
        try ask(node, prefix: reply)
    }

    /// Signs of a crisis: the numbers to call and that the professional is told, at once and
    /// nothing else in the same message. The conversation keeps its place and continues gently
    /// with the next message.
    mutating func crisis(_ kind: Signals.Crisis, _ text: String) {
        outputs.append(.alert(kind: .crisis, node: state.node ?? "-", detail: "\(kind.rawValue): \(text)"))
        say("signaal.crisis.\(kind.rawValue)")
        state.pending = nil
        if state.started, !state.finished, state.node != nil {
            state.paused = true
            state.afterCrisis = true
        }
    }

    /// The options of a question, as values with their labels in every language and the words
    /// that name them (the lexicon's synonyms, a network member's relation).
    func options(for spec: AnswerSpec) -> [ShownOption] {
        spec.options.flatMap { source -> [ShownOption] in
            switch source {
            case .list(let name):
                return engine.listOptions[state.language]?[name] ?? []
            case .items(let path, let labelField):
                let items = scope.value(at: path)?.listItems ?? []
                let names = items.map(offerNameWords)
                // A word that two offers share ("Voorbeeldstad") names neither.
                let shared = Set(names.flatMap { $0 }.filter { word in names.filter { $0.contains(word) }.count > 1 })
                return zip(items, names).map { item, nameWords in
                    let shownValue = labelField.flatMap { item[$0] } ?? item
                    let labels = Language.allCases.map { Renderer(catalog: catalog, language: $0).format(shownValue) }
                    var synonyms: [[String]] = []
                    for field in ["relation", "relatie"] {
                        if case .text(let relation)? = item[field] { synonyms += engine.lexicon.relationWords(for: relation) }
                    }
                    synonyms += nameWords.subtracting(shared).sorted().map { [$0] }
                    return ShownOption(
                        value: item, labels: labels, shown: labels[Language.allCases.firstIndex(of: state.language)!],
                        synonyms: synonyms)
                }
            }
        }
    }

    /// An offer (a voorziening of the sociale kaart) is also named by a word of its name ("het
    /// huurteam"); words of four letters or fewer are too common to name one.
    private func offerNameWords(_ item: Value) -> Set<String> {
        guard let name = item["naam"], case .option = name else { return [] }
        let words = Language.allCases.flatMap { Words.phrase(Renderer(catalog: catalog, language: $0).format(name)) }
        return Set(words.filter { $0.utf8.count >= EditDistance.minimumLength })
    }

    /// "1 Geld\n2 Wonen ...": the options as the question shows them.
    func numberedOptions(_ spec: AnswerSpec) -> String {
        Self.numbered(options(for: spec))
    }

    static func numbered(_ options: [ShownOption]) -> String {
        options.enumerated().map { "\($0.offset + 1) \($0.element.shown)" }.joined(separator: "\n")
    }
}
