import Foundation

/// How one answer is read, outside a conversation: what `wegwijzer parse` prints, for flow
/// authors and support staff, and what the answer tables test. The reading is the engine's own
/// (`AnswerReader`, the library's lexicon and lists).
public struct AnswerProbe: Sendable {
    /// The answer types as `wegwijzer parse` names them.
    public enum Kind: String, Sendable, CaseIterable {
        case score, yesno, choice, choices, date, phone, name, relation, owner, followup, amount, person, people, resources, support
    }

    public struct Result: Sendable, Equatable {
        public var understood: Bool
        /// The value as printed: a JSON fragment (`6`, `"2026-12-07"`, `[1,3]`, `null`).
        public var value: String?
        /// A guess or a proposal, asked back before it counts.
        public var confirm: Bool
        public var reprompt: String?

        /// One line of JSON: `{"understood": true, "value": …}` or `{"understood": false, "reprompt": "…"}`.
        public var json: String {
            if understood {
                return "{\"understood\": true, \"value\": \(value ?? "null")\(confirm ? ", \"confirm\": true" : "")}"
            }
            return "{\"understood\": false, \"reprompt\": \(AnswerProbe.quoted(reprompt ?? ""))}"
        }
    }

    let library: FlowLibrary
    let now: Date
    let calendar: Calendar
    let language: Language

    public init(library: FlowLibrary, now: Date, calendar: Calendar, language: Language = .nl) {
        self.library = library
        self.now = now
        self.calendar = calendar
        self.language = language
    }

    /// Fixed lists the types read against by default.
    static let choiceList = "leefgebieden", followupList = "uitkomst", amountList = "uren", supportList = "steun"

    /// - Parameter choices: labels of the options (for choice and choices; the leefgebieden when
    ///   empty), or the network for owner as `Naam` or `Naam:relatie`.
    public func read(_ text: String, as kind: Kind, choices: [String] = []) -> Result {
        let reader = AnswerReader(lexicon: library.lexicon, now: now, calendar: calendar)
        var spec = AnswerSpec(type: .choice)
        var options: [ShownOption] = []
        var bands: AmountParser.Bands?
        switch kind {
        case .score: spec = AnswerSpec(type: .score, allowUnknown: true)
        case .yesno: spec = AnswerSpec(type: .yesno)
        case .date: spec = AnswerSpec(type: .date, allowUnknown: true)
        case .phone: spec = AnswerSpec(type: .phone, allowUnknown: true)
        case .name: spec = AnswerSpec(type: .name, allowUnknown: true)
        case .relation: spec = AnswerSpec(type: .relation, allowUnknown: true)
        case .person: spec = AnswerSpec(type: .person, allowUnknown: true)
        case .people: spec = AnswerSpec(type: .people, allowUnknown: true)
        case .resources: spec = AnswerSpec(type: .resources, allowUnknown: true)
        case .choice, .choices:
            spec = AnswerSpec(type: .choice, multiple: kind == .choices)
            options = choices.isEmpty ? fixed(Self.choiceList) : choices.map { ShownOption(value: .text($0), labels: [$0], shown: $0) }
        case .followup:
            options = fixed(Self.followupList)
        case .support:
            // "Waar helpt Ans je mee?": several kinds at once, GEEN is an answer.
            spec = AnswerSpec(type: .choice, multiple: true, allowUnknown: true)
            options = fixed(Self.supportList)
        case .amount:
            spec = AnswerSpec(type: .amount, allowUnknown: true)
            options = fixed(Self.amountList)
            bands = library.flows.values.lazy.compactMap { $0.hours[Self.amountList] }.first
        case .owner:
            spec = AnswerSpec(type: .owner)
            let network = choices.map { entry -> ShownOption in
                let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                var item: [String: Value] = ["name": .text(parts[0])]
                if parts.count == 2 { item["relation"] = .text(parts[1]) }
                return ShownOption(
                    value: .record(item), labels: [parts[0]], shown: parts[0],
                    synonyms: parts.count == 2 ? library.lexicon.relationWords(for: parts[1]) : [])
            }
            options = fixed("wie_zelf") + network + fixed("wie_prof")
        }
        switch reader.read(text, spec, options: options, bands: bands) {
        case .value(let value): return Result(understood: true, value: format(value, kind, options), confirm: false)
        case .confirm(let value): return Result(understood: true, value: format(value, kind, options), confirm: true)
        case .retry(let key, let extra):
            let renderer = Renderer(catalog: library.catalog, language: language)
            var lines = [renderer.render(key, vars: [:], extra: extra)]
            if spec.type.hasOptions {
                lines.append(options.enumerated().map { "\($0.offset + 1) \($0.element.shown)" }.joined(separator: "\n"))
            }
            return Result(understood: false, value: nil, confirm: false, reprompt: lines.joined(separator: "\n"))
        }
    }

    /// The options of a fixed list of the library, with their synonyms.
    private func fixed(_ list: String) -> [ShownOption] {
        let keys = library.flows.values.sorted { $0.id < $1.id }.lazy.compactMap { $0.lists[list] }.first ?? []
        return keys.map { key in
            ShownOption(
                list: list, key: key, labels: Language.allCases.map { library.catalog.text("\(list).\(key)", $0) },
                shown: library.catalog.text("\(list).\(key)", language), lexicon: library.lexicon)
        }
    }

    private func format(_ value: Value, _ kind: Kind, _ options: [ShownOption]) -> String {
        switch (kind, value) {
        case (_, .none): return "null"
        case (.score, .number(let n)): return String(n)
        case (.yesno, .bool(let b)): return b ? "true" : "false"
        case (.date, .date(let day, _)): return Self.quoted(day.description)
        case (.choice, _): return options.firstIndex { $0.value == value }.map { String($0 + 1) } ?? "null"
        case (.choices, .list(let items)):
            return "[" + items.compactMap { item in options.firstIndex { $0.value == item }.map { String($0 + 1) } }.joined(separator: ",")
                + "]"
        case (.followup, .option(_, let key)), (.amount, .option(_, let key)): return Self.quoted(key)
        case (.support, .list(let items)): return "[" + items.compactMap { $0.key.map(Self.quoted) }.joined(separator: ",") + "]"
        case (.owner, .option(_, let key)): return Self.quoted(key == "zelf" ? "inwoner" : "professional")
        case (.owner, .record(let fields)):
            if case .text(let name)? = fields["name"] ?? fields["naam"] { return Self.quoted("network:\(name)") }
            if case .text(let relation)? = fields["relatie"] { return Self.quoted("relation:\(relation)") }
            return "null"
        case (.resources, .record(let fields)):
            // The kinds read in the words; the words themselves are kept as typed.
            return "[" + (fields["kinds"]?.listItems ?? []).compactMap { $0.key.map(Self.quoted) }.joined(separator: ",") + "]"
        case (.person, _), (.people, _):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        case (_, .text(let t)): return Self.quoted(t)
        default: return Self.quoted(Renderer(catalog: library.catalog, language: language).format(value))
        }
    }

    static func quoted(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
