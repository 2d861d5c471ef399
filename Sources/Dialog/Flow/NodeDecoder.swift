/// Reads one node of a flow file.
enum NodeDecoder {
    static let kinds = ["say", "ask", "each", "branch", "pause", "end"]
    static let allowed: Set<String> = [
        "id", "say", "ask", "each", "as", "do", "then", "branch", "pause", "end", "answer", "save", "help",
        "optional", "on_stuck", "quiet", "when", "actions", "module", "next", "at_most"
    ]

    static func decode(_ item: YAMLNode) throws(FlowError) -> Node {
        // The id first, so that every other error (an unknown key too) names the node.
        guard let idNode = try item.mapping().first(where: { $0.key == "id" })?.value else {
            _ = try item.fields(allowed: allowed)
            throw item.error("a node needs an 'id'")
        }
        let id = try idNode.string()
        let f = try item.with(id: id).fields(allowed: allowed)
        let present = kinds.filter { f[$0] != nil }
        guard present.count <= 1 else { throw item.with(id: id).error("a node has one kind, found \(present.joined(separator: " and "))") }
        let kind: Node.Kind
        switch present.first {
        case "say": kind = .say(try f["say"]!.list().map { n throws(FlowError) in try n.string() })
        case "ask": kind = .ask(try question(f, f["ask"]!))
        case "each":
            guard let alias = f["as"], let body = f["do"], let then = f["then"] else {
                throw f["each"]!.error("'each' needs 'as', 'do' and 'then'")
            }
            kind = .each(list: try path(f["each"]!), alias: try alias.string(), body: try body.string(), then: try then.string())
        case "pause": kind = .pause(try f["pause"]!.string())
        case "end":
            let value = try f["end"]!.string()
            kind = .end(value == "true" ? nil : value)
        default: kind = .branch
        }
        var node = Node(id: id, kind: kind, next: try f["next"]?.string(), module: try f["module"]?.string(), line: item.line)
        if let atMost = f["at_most"] {
            guard case .each = kind else { throw atMost.error("'at_most' belongs on an 'each' node") }
            node.atMost = try atMost.int()
        }
        node.routes = try (f["when"]?.sequence() ?? []).map { r throws(FlowError) in try route(r) }
        node.actions = try (f["actions"]?.sequence() ?? []).map { a throws(FlowError) in try action(a) }
        if case .ask = kind {
        } else {
            for key in ["answer", "save", "help", "optional", "on_stuck", "quiet"] where f[key] != nil {
                throw f[key]!.error("'\(key)' belongs on an 'ask' node")
            }
        }
        return node
    }

    static func path(_ node: YAMLNode) throws(FlowError) -> Path {
        try path(try node.string(), at: node)
    }

    static func path(_ text: String, at node: YAMLNode) throws(FlowError) -> Path {
        do throws(PathError) { return try Path(parsing: text) } catch { throw node.error(error.description) }
    }

    static func condition(_ node: YAMLNode) throws(FlowError) -> Condition {
        let text = try node.string()
        do throws(PathError) { return try Condition(parsing: text) } catch { throw node.error(error.description) }
    }

    private static func question(_ f: [String: YAMLNode], _ text: YAMLNode) throws(FlowError) -> Question {
        guard let answerNode = f["answer"] else { throw text.error("an 'ask' node needs an 'answer'") }
        return Question(
            text: try text.string(), answer: try answer(answerNode), save: try f["save"].map(path),
            help: try f["help"]?.string(), optional: try f["optional"]?.bool() ?? false,
            onStuck: try f["on_stuck"]?.string(), quiet: try f["quiet"]?.bool() ?? false)
    }

    private static func answer(_ node: YAMLNode) throws(FlowError) -> AnswerSpec {
        func type(_ n: YAMLNode) throws(FlowError) -> AnswerType {
            let name = try n.string()
            guard let t = AnswerType(rawValue: name) else {
                throw n.error(
                    "answer type '\(name)' has no validator (known: \(AnswerType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return t
        }
        if node.isScalar {
            let spec = AnswerSpec(type: try type(node))
            if spec.type.hasOptions { throw node.error("a\(spec.type == .owner ? "n" : "") \(spec.type.rawValue) needs 'options'") }
            return spec
        }
        let f = try node.fields(allowed: ["type", "options", "multiple", "max", "max_length", "unknown"])
        guard let t = f["type"] else { throw node.error("an answer needs a 'type'") }
        var spec = AnswerSpec(type: try type(t))
        spec.multiple = try f["multiple"]?.bool() ?? false
        spec.maxCount = try f["max"]?.int()
        spec.maxLength = try f["max_length"]?.int()
        spec.allowUnknown = try f["unknown"]?.bool() ?? false
        spec.options = try (f["options"]?.list() ?? []).map { o throws(FlowError) in try option(o) }
        if spec.type.hasOptions, spec.options.isEmpty {
            throw node.error("a\(spec.type == .owner ? "n" : "") \(spec.type.rawValue) needs 'options'")
        }
        if !spec.type.hasOptions, spec.type != .person, spec.type != .text, !spec.options.isEmpty {
            throw node.error("only a choice, owner, amount, person or text has 'options'")
        }
        return spec
    }

    private static func option(_ node: YAMLNode) throws(FlowError) -> OptionSource {
        if node.isScalar { return .list(try node.string()) }
        let f = try node.fields(allowed: ["list", "items", "label"])
        if let list = f["list"] { return .list(try list.string()) }
        guard let items = f["items"] else { throw node.error("an option source needs 'list' or 'items'") }
        return .items(try path(items), label: try f["label"]?.string())
    }

    private static func route(_ node: YAMLNode) throws(FlowError) -> Route {
        let f = try node.fields(allowed: ["if", "go"])
        guard let c = f["if"], let go = f["go"] else { throw node.error("a 'when' entry needs 'if' and 'go'") }
        return Route(condition: try condition(c), target: try go.string())
    }

    static func action(_ node: YAMLNode) throws(FlowError) -> Action {
        let f = try node.fields(
            allowed: ["if", "set", "append", "value", "emit", "id", "fields", "complete", "find", "leefgebied", "kinds", "into"])
        let inner: Action
        if let set = f["set"] {
            let pairs = try set.mapping()
            guard pairs.count == 1, let pair = pairs.first else { throw set.error("'set' takes one path: value") }
            inner = .set(try path(pair.key, at: set), try expr(pair.value))
        } else if let append = f["append"] {
            guard let value = f["value"] else { throw append.error("'append' needs a 'value'") }
            inner = .append(try path(append), try expr(value))
        } else if let emit = f["emit"] {
            var fields: [String: Expr] = [:]
            for (key, value) in try f["fields"]?.mapping() ?? [] { fields[key] = try expr(value) }
            inner = .emit(kind: try emit.string(), fields: fields, id: try f["id"].map(path))
        } else if let complete = f["complete"] {
            inner = .complete(module: try complete.string())
        } else if let find = f["find"] {
            guard let into = f["into"] else { throw find.error("'find' needs 'into'") }
            switch try find.string() {
            case "voorzieningen":
                guard let leefgebied = f["leefgebied"] else { throw find.error("'find: voorzieningen' needs 'leefgebied'") }
                inner = .findVoorzieningen(
                    .fitting(leefgebied: try expr(leefgebied), kinds: try f["kinds"].map(expr)), into: try path(into))
            case "wederkerigheid":
                inner = .findVoorzieningen(.reciprocity, into: try path(into))
            default:
                throw find.error("'find' looks up 'voorzieningen' or 'wederkerigheid'")
            }
        } else {
            throw node.error("an action is one of set, append, emit, complete, find")
        }
        if let c = f["if"] { return .when(try condition(c), inner) }
        return inner
    }

    /// `'text'` (quoted) is literal text; plain values are paths, numbers, true/false or null.
    static func expr(_ node: YAMLNode) throws(FlowError) -> Expr {
        if node.isMapping {
            let pairs = try node.mapping()
            if pairs.count == 1, pairs[0].key == "shown" {
                return .shown(try pairs[0].value.string())
            }
            if pairs.count == 1, pairs[0].key == "text" {
                return .rendered(try pairs[0].value.string())
            }
            if pairs.count == 1, pairs[0].key == "option" {
                // `{option: list.key}`: a fixed option, shown with its label like a chosen one.
                let parts = try pairs[0].value.string().split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw pairs[0].value.error("an option is written as list.key") }
                return .literal(.option(list: parts[0], key: parts[1]))
            }
            var fields: [String: Expr] = [:]
            for (key, value) in try node.mapping() { fields[key] = try expr(value) }
            return .record(fields)
        }
        if node.isSequence {
            guard try node.sequence().isEmpty else { throw node.error("only an empty list [] can be written as a value") }
            return .literal(.list([]))
        }
        let text = try node.string()
        if node.isQuoted { return .literal(.text(text)) }
        if let n = Int(text) { return .literal(.number(n)) }
        switch text {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null", "~", "none": return .literal(.none)
        default: return .path(try path(node))
        }
    }
}
