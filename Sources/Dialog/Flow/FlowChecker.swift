/// Static checks of a flow library: every mistake `flows check` reports, each with file and line.
public enum FlowChecker {
    /// Messages longer than this many SMS segments are refused.
    public static let maxSegments = 3
    /// Texts under this prefix may hold emoji: SMS sending drops what is not GSM-7.
    public static let richOnlyPrefix = "pictogram."

    public static func check(_ library: FlowLibrary) -> [FlowError] {
        var errors: [FlowError] = []
        var usedTexts: [String: (file: String, line: Int, node: String?)] = [:]
        // Texts the engine needs belong to no node; a missing one is reported at the top of the main flow.
        let mainFile = library.flows[FlowLibrary.mainFlowID]?.file ?? "(flows)"
        for key in SystemText.keys { usedTexts[key] = usedTexts[key] ?? (mainFile, 1, nil) }
        for flow in library.flows.values.sorted(by: { $0.id < $1.id }) {
            errors += checkGraph(flow)
            for (key, place) in textsUsed(by: flow) where usedTexts[key] == nil { usedTexts[key] = place }
        }
        errors += checkLexicon(library)
        errors += SocialMapChecker.check(library)
        // An instrument's title, items and bands are used by the instrument: problems with them
        // are reported at the instrument's line (naming where the text itself is).
        let instrumentTexts = textsUsed(byInstruments: library.instruments)
        for (key, place) in instrumentTexts where usedTexts[key] == nil { usedTexts[key] = (place.file, place.line, nil) }
        // Texts included with {>key} are used too, by the node that shows the text including them,
        // so they must exist and be complete as well (also when included from an included text).
        var queue = usedTexts.keys.sorted(by: >)
        while let key = queue.popLast() {
            guard let entry = library.catalog.entries[key] else { continue }
            for (_, text) in entry.texts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for included in (try? Template(text))?.includes ?? [] where usedTexts[included] == nil {
                    usedTexts[included] = (entry.file, entry.line, usedTexts[key]?.node)
                    queue.append(included)
                }
            }
        }
        for (key, place) in instrumentTexts.sorted(by: { $0.key < $1.key }) {
            let error = { (m: String) in FlowError(file: place.file, line: place.line, message: "\(place.role): \(m)") }
            guard let entry = library.catalog.entries[key] else {
                errors.append(error("text '\(key)' does not exist"))
                continue
            }
            for language in Language.allCases where entry.texts[language] == nil {
                errors.append(error("text '\(key)' has no \(language.rawValue) version (\(entry.file):\(entry.line))"))
            }
        }
        for (key, place) in usedTexts.sorted(by: { $0.key < $1.key }) where instrumentTexts[key] == nil {
            guard let entry = library.catalog.entries[key] else {
                errors.append(FlowError(file: place.file, line: place.line, node: place.node, message: "text '\(key)' does not exist"))
                continue
            }
            for language in Language.allCases where entry.texts[language] == nil {
                errors.append(
                    FlowError(
                        file: entry.file, line: entry.line, node: place.node, message: "text '\(key)' has no \(language.rawValue) version"))
            }
        }
        errors += checkWording(library.catalog, usedBy: usedTexts, instruments: instrumentTexts)
        return errors.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    static func checkGraph(_ flow: Flow) -> [FlowError] {
        var errors: [FlowError] = []
        func error(_ node: Node?, _ message: String) {
            errors.append(FlowError(file: flow.file, line: node?.line ?? 1, node: node?.id, message: message))
        }
        if flow.nodes[flow.start] == nil { error(nil, "start node '\(flow.start)' does not exist") }
        let moduleIDs = Set(flow.modules.map(\.id))
        for id in flow.order {
            let node = flow.nodes[id]!
            for target in node.targets where flow.nodes[target] == nil {
                error(node, "goes to unknown node '\(target)'")
            }
            switch node.kind {
            case .say, .branch:
                if node.next == nil { error(node, "needs a 'next'") }
            case .ask(let question):
                if node.next == nil { error(node, "needs a 'next'") }
                for case .list(let name) in question.answer.options where flow.lists[name] == nil {
                    error(node, "option list '\(name)' does not exist")
                }
                if question.answer.type == .amount {
                    for case .list(let name) in question.answer.options where flow.hours[name] == nil {
                        error(node, "an amount needs the hours of list '\(name)' under 'hours'")
                    }
                }
            case .pause:
                if node.next == nil { error(node, "a pause needs a 'next' to continue with") }
            case .each, .end: break
            }
            if let module = node.module, !moduleIDs.contains(module) { error(node, "module '\(module)' does not exist") }
            for action in node.actions { errors += checkAction(action, node, flow, moduleIDs) }
        }
        for (old, target) in flow.moved.sorted(by: { $0.key < $1.key }) where flow.nodes[target] == nil {
            error(nil, "'moved' sends '\(old)' to unknown node '\(target)'")
        }
        for entry in flow.menu?.entries ?? [] where flow.nodes[entry.node] == nil {
            errors.append(FlowError(file: flow.file, line: flow.menu!.line, message: "the menu goes to unknown node '\(entry.node)'"))
        }
        var reachable: Set<String> = []
        // The menu's parts start where the menu sends them, after the intake.
        var queue = [flow.start] + (flow.menu?.entries.map(\.node) ?? [])
        while let id = queue.popLast() {
            guard reachable.insert(id).inserted, let node = flow.nodes[id] else { continue }
            queue += node.targets
        }
        for id in flow.order where !reachable.contains(id) { error(flow.nodes[id], "cannot be reached from '\(flow.start)'") }
        return errors
    }

    private static func checkAction(_ action: Action, _ node: Node, _ flow: Flow, _ modules: Set<String>) -> [FlowError] {
        let error = { (m: String) in FlowError(file: flow.file, line: node.line, node: node.id, message: m) }
        switch action {
        case .emit(let kind, let fields, _):
            guard let known = RecordKind(rawValue: kind) else {
                return [error("unknown record '\(kind)' (known: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))")]
            }
            let missing = known.requiredFields.subtracting(fields.keys)
            return missing.isEmpty ? [] : [error("record '\(kind)' misses \(missing.sorted().joined(separator: ", "))")]
        case .complete(let module):
            return modules.contains(module) ? [] : [error("module '\(module)' does not exist")]
        case .when(_, let inner):
            return checkAction(inner, node, flow, modules)
        case .set, .append, .findVoorzieningen:
            return []
        }
    }

    static func textsUsed(by flow: Flow) -> [String: (file: String, line: Int, node: String?)] {
        var used: [String: (String, Int, String?)] = [:]
        func use(_ key: String, _ node: Node?, line: Int? = nil) {
            if used[key] == nil { used[key] = (flow.file, line ?? node?.line ?? 1, node?.id) }
        }
        for module in flow.modules { use(module.title, nil, line: module.line) }
        if let menu = flow.menu {
            for key in [menu.text, menu.help, menu.contactText, menu.whichAction] { use(key, nil, line: menu.line) }
        }
        for id in flow.order {
            let node = flow.nodes[id]!
            switch node.kind {
            case .say(let keys): for key in keys { use(key, node) }
            case .ask(let q):
                use(q.text, node)
                if let help = q.help { use(help, node) }
                for case .list(let name) in q.answer.options {
                    for key in flow.lists[name] ?? [] { use("\(name).\(key)", node) }
                }
            case .pause(let key): use(key, node)
            case .end(let key): if let key { use(key, node) }
            case .each, .branch: break
            }
            for action in node.actions {
                for key in action.expressions.flatMap({ $0.optionKeys + $0.textKeys }) { use(key, node) }
            }
        }
        return used
    }

    /// Synonyms in the lexicon must name an option that a flow has (`list.key`).
    static func checkLexicon(_ library: FlowLibrary) -> [FlowError] {
        let options = Set(library.flows.values.flatMap { flow in flow.lists.flatMap { list in list.value.map { "\(list.key).\($0)" } } })
        return library.lexicon.optionPlaces.sorted(by: { $0.key < $1.key }).compactMap { key, place in
            options.contains(key)
                ? nil : FlowError(file: place.file, line: place.line, message: "'\(key)' is no option of any flow (list.key)")
        }
    }

    typealias InstrumentTextPlace = (file: String, line: Int, role: String)

    /// The texts of every instrument, each with the instrument's file, the line naming it and its role.
    static func textsUsed(byInstruments instruments: [String: Instrument]) -> [String: InstrumentTextPlace] {
        var used: [String: InstrumentTextPlace] = [:]
        for instrument in instruments.values.sorted(by: { $0.id < $1.id }) {
            for text in instrument.texts where used[text.key] == nil {
                used[text.key] = (instrument.file, text.line, "instrument '\(instrument.id)' \(text.role)")
            }
        }
        return used
    }

    /// Every text must parse as a template, be GSM-7 and fit in `maxSegments` SMS segments
    /// (placeholders count as empty: the check is on the fixed wording). A text of an instrument
    /// is reported at the instrument's line, with the place of the text in the message.
    static func checkWording(
        _ catalog: Catalog, usedBy: [String: (file: String, line: Int, node: String?)],
        instruments: [String: InstrumentTextPlace] = [:]
    ) -> [FlowError] {
        var errors: [FlowError] = []
        // The sociale kaart's own words are checked by `SocialMapChecker`, at their lines there.
        let mapLists = [SocialMap.offerList, SocialMap.nameList, SocialMap.contactList].map { "\($0)." }
        for (key, entry) in catalog.entries.sorted(by: { $0.key < $1.key }) where !mapLists.contains(where: key.hasPrefix) {
            let node = usedBy[key]?.node
            for (language, text) in entry.texts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let error = { (m: String) in
                    if let place = instruments[key] {
                        errors.append(
                            FlowError(
                                file: place.file, line: place.line,
                                message:
                                    "\(place.role): text '\(key)' (\(language.rawValue)): \(m) (\(entry.file):\(entry.line))"))
                    } else {
                        errors.append(
                            FlowError(file: entry.file, line: entry.line, node: node, message: "text '\(key)' (\(language.rawValue)): \(m)")
                        )
                    }
                }
                guard let template = try? Template(text) else {
                    error("a placeholder { } is not closed or not valid")
                    continue
                }
                let fixed = template.fixedText
                let bad = GSM7.offendingCharacters(fixed)
                // Pictograms are for WhatsApp and Telegram; on SMS they are dropped before sending.
                if !bad.isEmpty, !key.hasPrefix(richOnlyPrefix) {
                    error("not GSM-7 for SMS: \(bad.map { "'\($0)'" }.joined(separator: " "))")
                }
                let segments = SMSSegments.analyze(fixed).segments
                if segments > maxSegments { error("\(segments) SMS segments, more than \(maxSegments)") }
            }
        }
        return errors
    }
}

extension Action {
    var expressions: [Expr] {
        switch self {
        case .set(_, let e), .append(_, let e): [e]
        case .emit(_, let fields, _): Array(fields.values)
        case .complete: []
        case .findVoorzieningen(.fitting(let leefgebied, let kinds), _): [leefgebied] + (kinds.map { [$0] } ?? [])
        case .findVoorzieningen(.reciprocity, _): []
        case .when(_, let inner): inner.expressions
        }
    }
}

extension Template {
    /// The wording without placeholders and with each section once.
    var fixedText: String { Self.fixed(parts) }

    private static func fixed(_ parts: [Part]) -> String {
        parts.map { part in
            switch part {
            case .literal(let s): s
            case .value, .relabelled, .index, .include: ""
            case .section(_, _, let inner): fixed(inner)
            }
        }.joined()
    }
}
