/// Fills a catalog text with the conversation's variables, in one language.
public struct Renderer: Sendable {
    public let catalog: Catalog
    public let language: Language

    public init(catalog: Catalog, language: Language) {
        self.catalog = catalog
        self.language = language
    }

    /// `{>key}` texts may include others, but not endlessly.
    static let maxIncludeDepth = 4

    public func render(_ key: String, vars: [String: Value], extra: [String: Value] = [:]) -> String {
        render(key, Scope(root: vars, overlay: extra), depth: 0)
    }

    /// A value as the inwoner sees it (an option's label, a date in words, a list with "en").
    public func format(_ value: Value) -> String {
        ValueFormatter(catalog: catalog, language: language).format(value)
    }

    /// A date in full ("maandag 28 december"), for a day proposed to the inwoner.
    public func longDate(_ date: LocalDate) -> String {
        ValueFormatter(catalog: catalog, language: language).formatLongDate(date)
    }

    private func render(_ key: String, _ scope: Scope, depth: Int) -> String {
        // Too deep (an include cycle): stop with nothing rather than show `{>key}` to the inwoner.
        guard depth <= Self.maxIncludeDepth else { return "" }
        let (raw, parsed) = catalog.template(key, language)
        guard let template = parsed else { return raw }
        return template.render(scope, format) { included, inner in
            render(included, inner, depth: depth + 1)
        }
    }
}
