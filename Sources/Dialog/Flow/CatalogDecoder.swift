/// Reads a texts file: `key: {nl: ..., en: ...}` per entry.
public enum CatalogDecoder {
    public static func decode(_ text: String, file: String, into catalog: inout Catalog) throws(FlowError) {
        let root = try YAMLNode.parse(text, file: file)
        for (key, keyNode, value) in try root.entries() {
            if let existing = catalog.entries[key] {
                throw keyNode.error("text '\(key)' is also defined in \(existing.file):\(existing.line)")
            }
            var texts: [Language: String] = [:]
            for (code, text) in try value.mapping() {
                guard let language = Language(rawValue: code) else {
                    throw text.error("text '\(key)': unknown language '\(code)' (known: nl, en)")
                }
                texts[language] = try text.string()
            }
            catalog.entries[key] = Catalog.Entry(texts: texts, file: file, line: keyNode.line)
        }
    }
}
