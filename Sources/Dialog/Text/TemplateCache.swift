import Foundation

/// Parsed templates by their text, so a text is parsed once and not at every message (parsing
/// was a tenth of the engine's time). Memoisation only: the same text always gives the same
/// template, so the engine stays deterministic.
final class TemplateCache: @unchecked Sendable {
    static let shared = TemplateCache()

    private let lock = NSLock()
    private var templates: [String: Template] = [:]
    /// A flow library has a few hundred texts per language; an edited copy loaded next to it is
    /// still far below this, and going over it only costs a re-parse.
    private let limit = 8_192

    /// The template of `text`, or nil when the text has a broken placeholder (it is shown as is).
    func template(_ text: String) -> Template? {
        if let cached = lock.withLock({ templates[text] }) { return cached }
        guard let template = try? Template(text) else { return nil }
        lock.withLock {
            if templates.count >= limit { templates.removeAll(keepingCapacity: true) }
            templates[text] = template
        }
        return template
    }
}
