/// Reads a signals file (`signals.nl.yaml`). Every error names the file and the line.
public enum SignalsDecoder {
    public static func decode(_ text: String, file: String, into signals: inout Signals) throws(FlowError) {
        let root = try YAMLNode.parse(text, file: file)
        let f = try root.fields(allowed: ["language", "crisis", "not_crisis", "disclosure", "questions", "complaint"])
        guard let language = f["language"], Language(rawValue: try language.string()) != nil else {
            throw (f["language"] ?? root).error("a signals file names its 'language' (nl, en)")
        }
        for (name, keyNode, list) in try f["crisis"]?.entries() ?? [] {
            guard let kind = Signals.Crisis(rawValue: name) else {
                throw keyNode.error(
                    "unknown kind of crisis '\(name)' (known: \(Signals.Crisis.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            for pattern in try patterns(list) { signals.crisis.append(pattern, kind) }
        }
        for pattern in try patterns(f["not_crisis"]) { signals.notCrisis.append(pattern, ()) }
        for pattern in try patterns(f["disclosure"]) { signals.disclosure.append(pattern, ()) }
        for pattern in try patterns(f["complaint"]) { signals.complaints.append(pattern, ()) }
        for (name, keyNode, list) in try f["questions"]?.entries() ?? [] {
            guard let kind = Signals.Question(rawValue: name) else {
                throw keyNode.error(
                    "unknown kind of question '\(name)' (known: \(Signals.Question.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            for pattern in try patterns(list) { signals.questions.append(pattern, kind) }
        }
    }

    private static func patterns(_ node: YAMLNode?) throws(FlowError) -> [SignalPattern] {
        try (node?.sequence() ?? []).map { item throws(FlowError) in
            let text = try item.string()
            guard let pattern = SignalPattern(text) else {
                throw item.error("'\(text)' must start with a word")
            }
            return pattern
        }
    }
}
