/// All wording, keyed, in every language. Loaded from `*.texts.yaml` beside the flows.
public struct Catalog: Sendable {
    public struct Entry: Sendable {
        public var texts: [Language: String] { didSet { templates = Self.parse(texts) } }
        public var file: String
        public var line: Int
        /// Each language's text parsed once, when the catalog is loaded, not at every message;
        /// nil for a text with a broken placeholder (it is shown as is).
        fileprivate var templates: [Language: Template]

        public init(texts: [Language: String], file: String, line: Int) {
            self.texts = texts
            self.file = file
            self.line = line
            templates = Self.parse(texts)
        }

        private static func parse(_ texts: [Language: String]) -> [Language: Template] {
            texts.compactMapValues { try? Template($0) }
        }
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// The raw text of a key; a missing key shows as `[key]` so a gap is visible, never silent.
    public func text(_ key: String, _ language: Language) -> String {
        guard let entry = entries[key] else { return "[\(key)]" }
        return entry.texts[language] ?? entry.texts[.nl] ?? "[\(key)]"
    }

    /// The text of a key with its parsed template (nil when the text is shown as is), with the
    /// same fallbacks as `text(_:_:)`.
    func template(_ key: String, _ language: Language) -> (text: String, template: Template?) {
        guard let entry = entries[key] else { return ("[\(key)]", nil) }
        if let text = entry.texts[language] { return (text, entry.templates[language]) }
        if let text = entry.texts[.nl] { return (text, entry.templates[.nl]) }
        return ("[\(key)]", nil)
    }

    public func has(_ key: String) -> Bool { entries[key] != nil }
}
