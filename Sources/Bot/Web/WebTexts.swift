import Dialog
import Foundation

/// The words of the pages an inwoner reads (Mijn Wegwijzer, the plan for the fridge), in every
/// language, from `Web/Texts/*.yaml`. Texts for inwoners are data, like the flows: each key holds
/// one text per language, side by side, so a translator sees both.
struct WebTexts: Sendable {
    private let byLanguage: [Language: [String: String]]

    static var bundledDirectory: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Texts")
    }

    /// Every `*.yaml` file of the directory; a key missing a language, or found in two files, is
    /// refused with the file and line.
    static func load(directory: URL? = bundledDirectory) throws -> WebTexts {
        guard let directory else { throw FlowError(file: "Web/Texts", line: 1, message: "the web texts are missing next to the program") }
        var texts: [Language: [String: String]] = [:]
        var seen: [String: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
                throw FlowError(file: name, line: 1, message: "cannot read the file as UTF-8 text")
            }
            for (key, keyNode, value) in try YAMLNode.parse(text, file: name).entries() {
                if let other = seen[key] { throw keyNode.error("the text '\(key)' is in \(other) already") }
                seen[key] = name
                let translations = try value.entries()
                for language in Language.allCases {
                    guard let translation = translations.first(where: { $0.key == language.rawValue }) else {
                        throw keyNode.error("the text '\(key)' has no '\(language.rawValue)' version")
                    }
                    texts[language, default: [:]][key] = try translation.value.string()
                }
                if let unknown = translations.first(where: { Language(rawValue: $0.key) == nil }) {
                    throw unknown.keyNode.error("unknown language '\(unknown.key)' (known: nl, en)")
                }
            }
        }
        return WebTexts(byLanguage: texts)
    }

    /// All texts in one language, for a template's `t`.
    func all(_ language: Language) -> [String: String] {
        byLanguage[language] ?? [:]
    }

    func has(_ key: String) -> Bool {
        byLanguage[.nl]?[key] != nil
    }

    /// One text with `{name}` placeholders filled; the key itself when it is missing (a test keeps
    /// every key a page uses in the files).
    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        var text = byLanguage[language]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
