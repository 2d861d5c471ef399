/// Reads an instrument file (`*.instrument.yaml`) into an `Instrument`. Every error names the file
/// and the line.
///
///     instrument: csi
///     version: 1
///     title: csi.title
///     answer_type: yesno
///     scoring: count_yes
///     cutoff: 7
///     items:
///       - {id: slaap, text: csi.slaap}   # or just `- slaap`; the text is always `<instrument>.<item>`
///     bands:
///       - {id: laag, min: 0, max: 6, text: csi.band.laag}
///     note: free text
public enum InstrumentDecoder {
    public static func decode(_ text: String, file: String) throws(FlowError) -> Instrument {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.fields(allowed: ["instrument", "version", "title", "answer_type", "scoring", "cutoff", "items", "bands", "note"])
        func required(_ key: String) throws(FlowError) -> YAMLNode {
            guard let value = top[key] else { throw root.error("missing '\(key)'") }
            return value
        }
        let idNode = try required("instrument")
        let id = try identifier(idNode, "instrument id")
        let versionNode = try required("version")
        let version = try versionNode.int()
        guard version > 0 else { throw versionNode.error("'version' must be more than 0") }
        let titleNode = try required("title")

        let answerNode = try required("answer_type")
        let answerName = try answerNode.string()
        guard let answerType = Instrument.AnswerType(rawValue: answerName) else {
            throw answerNode.error(
                "unknown answer type '\(answerName)' (known: \(Instrument.AnswerType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let scoringNode = try required("scoring")
        let scoringName = try scoringNode.string()
        guard let scoring = Instrument.Scoring(rawValue: scoringName) else {
            throw scoringNode.error(
                "unknown scoring '\(scoringName)' (known: \(Instrument.Scoring.allCases.map(\.rawValue).joined(separator: ", ")))")
        }

        let items = try decodeItems(try required("items"), instrument: id)
        let cutoffNode = try required("cutoff")
        let cutoff = try cutoffNode.int()
        guard (1...items.count).contains(cutoff) else {
            throw cutoffNode.error("cutoff \(cutoff) must be between 1 and \(items.count) (the number of items)")
        }
        let bands = try decodeBands(try required("bands"), highest: items.count)

        let instrument = Instrument(
            id: id, version: version, title: try titleNode.string(), items: items,
            answerType: answerType, scoring: scoring, cutoff: cutoff, bands: bands,
            note: try top["note"]?.string() ?? "", file: file, line: idNode.line, titleLine: titleNode.line)
        // One text per purpose: an item called `title` would share its question with the title.
        var seen: [String: String] = [:]
        for text in instrument.texts {
            if let other = seen[text.key] {
                throw FlowError(file: file, line: text.line, message: "text '\(text.key)' is used by both \(other) and \(text.role)")
            }
            seen[text.key] = text.role
        }
        return instrument
    }

    private static func decodeItems(_ node: YAMLNode, instrument: String) throws(FlowError) -> [Instrument.Item] {
        let list = try node.sequence()
        guard !list.isEmpty else { throw node.error("an instrument needs at least one item") }
        var items: [Instrument.Item] = []
        var lines: [String: Int] = [:]
        for entry in list {
            let idNode: YAMLNode
            var textNode: YAMLNode?
            if entry.isScalar {
                idNode = entry
            } else {
                let f = try entry.fields(allowed: ["id", "text"])
                guard let i = f["id"] else { throw entry.error("an item needs an 'id'") }
                idNode = i
                textNode = f["text"]
            }
            let id = try identifier(idNode, "item id")
            if let first = lines[id] { throw entry.error("item id '\(id)' is used twice (also on line \(first))") }
            lines[id] = entry.line
            // The question is the label of the option `id` in the list named after the instrument.
            let key = "\(instrument).\(id)"
            if let textNode, try textNode.string() != key {
                throw textNode.error("the text of item '\(id)' must be '\(key)', the label of the option '\(id)' in list '\(instrument)'")
            }
            items.append(Instrument.Item(id: id, text: key, line: entry.line))
        }
        return items
    }

    private static func decodeBands(_ node: YAMLNode, highest: Int) throws(FlowError) -> [Instrument.Band] {
        let list = try node.sequence()
        guard !list.isEmpty else { throw node.error("an instrument needs bands covering the scores 0 to \(highest)") }
        var bands: [Instrument.Band] = []
        for entry in list {
            let f = try entry.fields(allowed: ["id", "min", "max", "text"])
            guard let idNode = f["id"], let minNode = f["min"], let maxNode = f["max"], let text = f["text"] else {
                throw entry.error("a band needs 'id', 'min', 'max' and 'text'")
            }
            let band = Instrument.Band(
                id: try identifier(idNode, "band id"), min: try minNode.int(), max: try maxNode.int(),
                text: try text.string(), line: entry.line)
            if let other = bands.first(where: { $0.id == band.id }) {
                throw entry.error("band id '\(band.id)' is used twice (also on line \(other.line))")
            }
            guard band.min <= band.max else { throw entry.error("band '\(band.id)': min \(band.min) is above max \(band.max)") }
            guard band.min >= 0 else { throw entry.error("band '\(band.id)' starts below 0, the lowest score") }
            guard band.max <= highest else {
                throw entry.error("band '\(band.id)' goes up to \(band.max), above \(highest), the highest score")
            }
            bands.append(band)
        }
        // Every score in exactly one band.
        var next = 0
        var last: Instrument.Band?
        for band in bands.sorted(by: { ($0.min, $0.line) < ($1.min, $1.line) }) {
            if band.min > next {
                throw FlowError(
                    file: node.file, line: band.line, message: "\(scores(next, band.min - 1)) in no band (a gap before band '\(band.id)')")
            }
            if band.min < next, let last {
                throw FlowError(
                    file: node.file, line: band.line,
                    message: "bands '\(last.id)' and '\(band.id)' overlap: \(scores(band.min, Swift.min(band.max, next - 1))) in both")
            }
            next = band.max + 1
            last = band
        }
        if next <= highest, let last {
            throw FlowError(
                file: node.file, line: last.line, message: "\(scores(next, highest)) in no band (a gap after band '\(last.id)')")
        }
        return bands
    }

    private static func scores(_ low: Int, _ high: Int) -> String {
        low == high ? "score \(low) is" : "scores \(low) to \(high) are"
    }

    /// Ids become option keys, text keys and paths: letters, digits and `_` only.
    private static func identifier(_ node: YAMLNode, _ what: String) throws(FlowError) -> String {
        let id = try node.string()
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw node.error("\(what) '\(id)' may only hold letters, digits and _")
        }
        return id
    }
}
