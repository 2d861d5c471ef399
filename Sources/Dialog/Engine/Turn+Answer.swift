/// Understanding an answer to the waiting question, with a clear re-prompt when it fails.
extension Turn {
    struct ShownOption {
        var value: Value
        var labels: [String]
        var shown: String
    }

    enum Interpretation {
        case value(Value)
        /// Not understood: the text key to answer with, and values it may use.
        case retry(String, [String: Value])
    }

    mutating func answer(_ text: String) throws(FlowFault) {
        guard let id = state.node else { return say("system.ended") }
        let node = try node(id)
        guard let question = node.question else { return try enter(id) }
        switch interpret(text, question.answer) {
        case .value(let value):
            try accept(value, raw: text, at: node, question)
        case .retry(let key, let extra):
            state.tries += 1
            if state.tries >= flow.limits.maxTries { return try stuck(at: node, question, raw: text) }
            say(key, extra: extra)
        }
    }

    func interpret(_ text: String, _ spec: AnswerSpec) -> Interpretation {
        if spec.allowUnknown, UnknownAnswer.matches(text) { return .value(.none) }
        let reprompt = Interpretation.retry(spec.type == .choice && spec.multiple ? "reprompt.choice_multiple" : "reprompt.\(spec.type.rawValue)", [:])
        switch spec.type {
        case .score:
            return ScoreParser.parse(text).map { .value(.number($0)) } ?? reprompt
        case .yesno:
            return YesNoParser.parse(text).map { .value(.bool($0)) } ?? reprompt
        case .name:
            return NameParser.parse(text).map { .value(.text($0)) } ?? reprompt
        case .text:
            let max = spec.maxLength ?? flow.limits.textMaxLength
            switch FreeTextParser.parse(text, maxLength: max) {
            case .text(let t): return .value(.text(t))
            case .empty: return reprompt
            case .tooLong: return .retry("system.too_long", ["max": .number(max)])
            }
        case .phone:
            switch PhoneParser.normalize(text) {
            case .valid(let e164): return .value(.text(e164))
            case .notMobile: return .retry("system.not_mobile", [:])
            case .invalid: return reprompt
            }
        case .date:
            switch DutchDateParser.parse(text, now: now, calendar: engine.environment.calendar) {
            case .value(let day, let time): return .value(.date(day, time))
            case .past: return .retry("system.past_date", [:])
            case .invalid: return reprompt
            }
        case .choice:
            let options = options(for: spec)
            let parse = ChoiceParser.parse(text, options: options.map { ChoiceOption(labels: $0.labels) },
                                           multiple: spec.multiple, maxCount: spec.maxCount)
            switch parse {
            case .selected(let indexes):
                let values = indexes.map { options[$0].value }
                return .value(spec.multiple ? .list(values) : values[0])
            case .ambiguous(let indexes):
                let numbers = Value.list(indexes.map { .number($0 + 1) })
                return .retry("system.ambiguous", ["numbers": numbers])
            case .invalid:
                return .retry(reprompt.key, ["count": .number(options.count), "max": .number(spec.maxCount ?? options.count)])
            }
        }
    }

    /// The options of a choice question, as values and with their labels in every language.
    func options(for spec: AnswerSpec) -> [ShownOption] {
        spec.options.flatMap { source -> [ShownOption] in
            switch source {
            case .list(let name):
                return (flow.lists[name] ?? []).map { key in
                    let labels = Language.allCases.map { catalog.text("\(name).\(key)", $0) }
                    return ShownOption(value: .option(list: name, key: key), labels: labels,
                                       shown: catalog.text("\(name).\(key)", state.language))
                }
            case .items(let path, let labelField):
                return (scope.value(at: path)?.listItems ?? []).map { item in
                    let shownValue = labelField.flatMap { item[$0] } ?? item
                    let labels = Language.allCases.map { Renderer(catalog: catalog, language: $0).format(shownValue) }
                    return ShownOption(value: item, labels: labels, shown: labels[Language.allCases.firstIndex(of: state.language)!])
                }
            }
        }
    }
}

extension Turn.Interpretation {
    var key: String {
        if case .retry(let key, _) = self { return key }
        return ""
    }
}
