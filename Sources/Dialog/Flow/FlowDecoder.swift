/// Reads a flow file (YAML) into a `Flow`. Every error names the file, the line and the node.
public enum FlowDecoder {
    public static func decode(_ text: String, file: String) throws(FlowError) -> Flow {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.fields(allowed: [
            "flow", "version", "start", "limits", "commands", "menu", "lists", "hours", "moved", "modules", "nodes"
        ])
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
        if let menu = top["menu"] { flow.menu = try decodeMenu(menu) }
        for (name, items) in try top["lists"]?.mapping() ?? [] {
            flow.lists[name] = try items.sequence().map { item throws(FlowError) in try item.string() }
        }
        for (name, keyNode, bands) in try top["hours"]?.entries() ?? [] {
            guard let keys = flow.lists[name] else { throw keyNode.error("'hours' names the list '\(name)', which does not exist") }
            var from: [Int] = []
            let given = try bands.mapping()
            for key in keys {
                guard let start = given.first(where: { $0.key == key })?.value else {
                    throw bands.error("'hours' of '\(name)' has no start for '\(key)'")
                }
                let hours = try start.int()
                guard hours >= (from.last.map { $0 + 1 } ?? 0) else { throw start.error("the bands of '\(name)' must go up") }
                from.append(hours)
            }
            if let extra = given.first(where: { !keys.contains($0.key) }) {
                throw extra.value.error("'\(extra.key)' is not an option of '\(name)'")
            }
            flow.hours[name] = AmountParser.Bands(from: from)
        }
        for (old, target) in try top["moved"]?.mapping() ?? [] { flow.moved[old] = try target.string() }
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

    private static func decodeMenu(_ node: YAMLNode) throws(FlowError) -> Menu {
        let f = try node.fields(allowed: ["when", "text", "help", "contact_text", "which_action", "plan", "done", "contact", "go"])
        func text(_ key: String) throws(FlowError) -> String {
            guard let value = f[key] else { throw node.error("a menu needs '\(key)'") }
            return try value.string()
        }
        func words(_ key: String) throws(FlowError) -> [String] {
            try (f[key]?.sequence() ?? []).map { w throws(FlowError) in AnswerText.fold(try w.string()) }
        }
        var menu = Menu(
            text: try text("text"), help: try text("help"), contactText: try text("contact_text"),
            whichAction: try text("which_action"), line: node.line)
        menu.plan = try words("plan")
        menu.done = try words("done")
        menu.contact = try words("contact")
        menu.condition = try f["when"].map(NodeDecoder.condition)
        for (target, list) in try f["go"]?.mapping() ?? [] {
            menu.entries.append((try list.sequence().map { w throws(FlowError) in AnswerText.fold(try w.string()) }, target))
        }
        return menu
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
