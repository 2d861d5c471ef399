/// Reads a flow file (YAML) into a `Flow`. Every error names the file, the line and the node.
public enum FlowDecoder {
    public static func decode(_ text: String, file: String) throws(FlowError) -> Flow {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.fields(allowed: ["flow", "version", "start", "limits", "commands", "lists", "modules", "nodes"])
        func required(_ key: String) throws(FlowError) -> YAMLNode {
            guard let value = top[key] else { throw root.error("missing '\(key)'") }
            return value
        }
        var flow = Flow(
            id: try required("flow").string(), version: try required("version").int(),
            start: try required("start").string(), lists: [:], modules: [], nodes: [:], order: [],
            commands: Commands(), limits: Limits(), file: file)
        if let limits = top["limits"] { flow.limits = try decodeLimits(limits) }
        if let commands = top["commands"] { flow.commands = try decodeCommands(commands) }
        for (name, items) in try top["lists"]?.mapping() ?? [] {
            flow.lists[name] = try items.sequence().map { item throws(FlowError) in try item.string() }
        }
        for module in try top["modules"]?.sequence() ?? [] {
            let f = try module.fields(allowed: ["id", "title"])
            guard let id = f["id"], let title = f["title"] else { throw module.error("a module needs 'id' and 'title'") }
            flow.modules.append(Module(id: try id.string(), title: try title.string(), line: module.line))
        }
        for item in try required("nodes").sequence() {
            let node = try NodeDecoder.decode(item)
            if flow.nodes[node.id] != nil { throw item.with(id: node.id).error("node id '\(node.id)' is used twice") }
            flow.nodes[node.id] = node
            flow.order.append(node.id)
        }
        return flow
    }

    private static func decodeLimits(_ node: YAMLNode) throws(FlowError) -> Limits {
        var limits = Limits()
        for (key, value) in try node.fields(allowed: ["max_tries", "max_steps", "history", "text_max"]) {
            let n = try value.int()
            guard n > 0 else { throw value.error("'\(key)' must be more than 0") }
            switch key {
            case "max_tries": limits.maxTries = n
            case "max_steps": limits.maxSteps = n
            case "history": limits.historyDepth = n
            default: limits.textMaxLength = n
            }
        }
        return limits
    }

    private static func decodeCommands(_ node: YAMLNode) throws(FlowError) -> Commands {
        var commands = Commands()
        let allowed = Set(Command.allCases.map(\.rawValue) + ["languages"])
        for (key, value) in try node.fields(allowed: allowed) {
            if key == "languages" {
                for (code, words) in try value.mapping() {
                    guard let language = Language(rawValue: code) else { throw words.error("unknown language '\(code)'") }
                    commands.languages[language] = try words.sequence().map { w throws(FlowError) in AnswerText.fold(try w.string()) }
                }
            } else if let command = Command(rawValue: key) {
                commands.words[command] = try value.sequence().map { w throws(FlowError) in AnswerText.fold(try w.string()) }
            }
        }
        return commands
    }
}
