import Foundation

/// One step in progress: the state being changed and the outputs so far.
struct Turn {
    let engine: Engine
    var state: Conversation
    let now: Date
    var outputs: [Output] = []
    var steps = 0

    var flow: Flow { engine.flow }
    var catalog: Catalog { engine.catalog }
    var scope: Scope { Scope(root: state.vars) }

    func node(_ id: String) throws(FlowFault) -> Node {
        guard let node = flow.nodes[id] ?? flow.moved[id].flatMap({ flow.nodes[$0] }) else {
            throw FlowFault(description: "node '\(id)' does not exist")
        }
        return node
    }

    /// Renders a text key against the conversation's variables (plus `extra` for system texts).
    func render(_ key: String, extra: [String: Value] = [:]) -> String {
        Turn.tidy(Renderer(catalog: catalog, language: state.language).render(key, vars: state.vars, extra: extra))
    }

    /// A message; a long one (a spiegelblad) goes as several, each within 3 SMS segments.
    mutating func say(_ key: String, extra: [String: Value] = [:]) {
        for part in MessageSplitter.split(render(key, extra: extra)) {
            outputs.append(.say(key: key, text: part))
        }
    }

    /// A rendered text without the empty lines a list section may leave at its end.
    static func tidy(_ text: String) -> String {
        // Nearly every text ends in a visible ASCII character: nothing to walk back over.
        if let last = text.utf8.last, last > 0x20, last < 0x7F { return text }
        var t = Substring(text)
        while let last = t.last, last.isWhitespace { t = t.dropLast() }
        return String(t)
    }
}
