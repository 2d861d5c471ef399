public enum Language: String, Sendable, Codable, CaseIterable, Hashable {
    case nl, en

    /// By case, not by the raw string (the default for a `RawRepresentable`): every text looked up
    /// hashes its language.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self == .nl ? 0 : 1)
    }
}

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

/// Keys the engine itself uses; `flows check` demands them.
public enum SystemText {
    public static let keys: [String] = [
        "system.progress", "system.optout", "system.optin", "system.paused", "system.resume", "system.welcome_back",
        "system.cannot_skip", "system.no_previous", "system.language", "system.ended",
        "system.stuck", "system.contact", "system.too_long", "system.ambiguous",
        "system.past_date", "system.not_mobile", "system.flow_error", "system.private_only",
        "value.yes", "value.no", "value.none", "value.and",
        "system.progress_part", "system.confirm_no", "system.resume_after_crisis",
        "confirm.score", "confirm.date", "confirm.amount", "confirm.choice",
        "signaal.verteld", "signaal.klacht", "signaal.vraag.how_long_open",
    ] + AnswerType.allCases.flatMap { ["reprompt.\($0.rawValue)", "howto.\($0.rawValue)"] }
        + Signals.Crisis.allCases.map { "signaal.crisis.\($0.rawValue)" }
        + Signals.Question.allCases.filter { $0 != .meaning }.map { "signaal.vraag.\($0.rawValue)" }
        + ["plan.geen_stap", "plan.al_klaar", "plan.stap_klaar", "plan.hint"]
        + ["reprompt.choice_multiple", "howto.choice_multiple"]
        + (1...12).map { "date.month.\($0)" } + (1...7).flatMap { ["date.weekday.\($0)", "date.day.\($0)"] }
        // Used by `wegwijzer plan`.
        + ["plan.overzicht", "eigenaar.inwoner", "eigenaar.professional", "eigenaar.netwerk"]
        + ["gepland", "bezig", "gedaan", "niet_gelukt", "uitgesteld", "vervallen"].map { "status.\($0)" }
        + ["open", "actief", "bereikt", "gestopt"].map { "doelstatus.\($0)" }
}
