import Foundation

/// How an answer to a question was read: a value to store, a guess to confirm first, or a
/// re-prompt (a text key and the values it uses).
public enum AnswerReading: Sendable, Equatable {
    case value(Value)
    case confirm(Value)
    case retry(String, [String: Value])
}

/// Reads an answer of any type: the one place where the engine and `wegwijzer parse` turn what
/// someone typed into a value.
public struct AnswerReader: Sendable {
    public let lexicon: Lexicon
    public let now: Date
    public let calendar: Calendar
    public let textMaxLength: Int
    /// The person's own number (E.164), when known. A phone question always asks for someone
    /// else's number (a network member's, a mantelzorger's): their own is a slip, read back as one.
    public let ownPhone: String?

    public init(lexicon: Lexicon, now: Date, calendar: Calendar, textMaxLength: Int = 500, ownPhone: String? = nil) {
        self.lexicon = lexicon
        self.now = now
        self.calendar = calendar
        self.textMaxLength = textMaxLength
        self.ownPhone = ownPhone
    }

    /// Types that name something: "nee" or "geen nummer" there means none.
    static let namingTypes: Set<AnswerType> = [.phone, .name, .person, .people, .date, .relation, .amount]

    public func read(_ text: String, _ spec: AnswerSpec, options: [ShownOption] = [], bands: AmountParser.Bands? = nil) -> AnswerReading {
        if spec.allowUnknown,
            UnknownAnswer.matches(text, lexicon: lexicon)
                || (Self.namingTypes.contains(spec.type) && UnknownAnswer.saysNone(text, lexicon: lexicon))
        {
            return .value(.none)
        }
        let reprompt = AnswerReading.retry(Self.repromptKey(spec), [:])
        switch spec.type {
        case .score:
            return reading(ScoreParser.read(text, lexicon: lexicon)) { .number($0) } ?? reprompt
        case .yesno:
            return YesNoParser.parse(text, lexicon: lexicon).map { .value(.bool($0)) } ?? reprompt
        case .name:
            return NameParser.parse(text, lexicon: lexicon).map { .value(.text($0)) } ?? reprompt
        case .relation:
            return RelationParser.parse(text, lexicon: lexicon).map { .value(.text($0)) } ?? reprompt
        case .person:
            // Someone already named ("mijn dochter" when Lisa is the daughter) is that person.
            if !options.isEmpty,
                case .selected(let picked) = OptionMatcher(lexicon: lexicon).read(
                    text, options: options.map(\.matcherOption),
                    multiple: false)
            {
                let item = options[picked[0]]
                var fields: [String: Value] = ["naam": .text(item.shown)]
                if let relation = item.value["relation"] ?? item.value["relatie"] { fields["relatie"] = relation }
                return .value(.record(fields))
            }
            return PersonParser.parse(text, lexicon: lexicon).map { .value($0.value) } ?? reprompt
        case .people:
            return PersonParser.parseList(text, lexicon: lexicon, max: spec.maxCount).map { .value(.list($0.map(\.value))) } ?? reprompt
        case .text, .resources:
            let max = spec.maxLength ?? textMaxLength
            switch FreeTextParser.parse(text, maxLength: max) {
            case .text(let t):
                if spec.type == .resources { return .value(ResourceReader.value(t, lexicon: lexicon)) }
                return .value(suggestion(t, options) ?? .text(t))
            case .empty: return reprompt
            case .tooLong: return .retry("system.too_long", ["max": .number(max)])
            }
        case .phone:
            switch PhoneReader.read(text) {
            case .valid(let e164): return e164 == ownPhone ? .retry("system.own_phone", [:]) : .value(.text(e164))
            case .notMobile: return .retry("system.not_mobile", [:])
            case .invalid: return reprompt
            }
        case .date:
            switch DutchDateParser.parse(text, now: now, calendar: calendar, lexicon: lexicon) {
            case .value(let day, let time): return .value(.date(day, time))
            case .past: return .retry("system.past_date", [:])
            case .invalid:
                let today = LocalDate(calendar.dateComponents([.year, .month, .day], from: now))
                return VagueDateReader.read(text, today: today, lexicon: lexicon).map { .confirm(.date($0, nil)) } ?? reprompt
            }
        case .amount:
            guard let bands else { return reprompt }
            return reading(AmountParser.read(text, bands: bands, options: options.map(\.matcherOption), lexicon: lexicon)) {
                options[$0].value
            } ?? reprompt
        case .choice:
            return choice(text, spec, options, reprompt: reprompt)
        case .owner:
            let picked = choice(text, spec, options, reprompt: reprompt)
            guard case .retry(Self.repromptKey(spec), _) = picked, let person = PersonParser.parse(text, lexicon: lexicon) else {
                return picked
            }
            // Someone not in the list yet: a new network member, whose name is asked when missing.
            guard case .record(var fields) = person.value else { return picked }
            fields["nieuw"] = .bool(true)
            return .value(.record(fields))
        }
    }

    /// Suggestions under an open question: a short answer that picks exactly one ("2", "het
    /// geldmaatje") takes it; any longer answer is the inwoner's own words, even with a number in it.
    private func suggestion(_ text: String, _ options: [ShownOption]) -> Value? {
        guard !options.isEmpty, Words(text).words.count <= Self.suggestionWords else { return nil }
        let parsed = ChoiceParser.parse(text, options: options.map { ChoiceOption(labels: $0.labels) }, multiple: false, maxCount: nil)
        if case .selected(let indexes) = parsed, indexes.count == 1 { return options[indexes[0]].value }
        if case .selected(let indexes) = OptionMatcher(lexicon: lexicon).read(text, options: options.map(\.matcherOption), multiple: false),
            indexes.count == 1
        {
            return options[indexes[0]].value
        }
        return nil
    }

    /// The most words of an answer that picks a suggestion ("de tweede", "nummer 1 graag").
    static let suggestionWords = 3

    private func reading<T>(_ r: Reading<T>, _ value: (T) -> Value) -> AnswerReading? {
        switch r {
        case .sure(let v): .value(value(v))
        case .guess(let v): .confirm(value(v))
        case .refused: nil
        }
    }

    private func choice(_ text: String, _ spec: AnswerSpec, _ options: [ShownOption], reprompt: AnswerReading) -> AnswerReading {
        let labelled = ChoiceParser.parse(
            text, options: options.map { ChoiceOption(labels: $0.labels) },
            multiple: spec.multiple, maxCount: spec.maxCount)
        var result: OptionMatcher.Result
        switch labelled {
        case .selected(let indexes): result = .selected(indexes)
        case .ambiguous(let indexes):
            // A synonym may settle what a part of a label left open.
            let matched = OptionMatcher(lexicon: lexicon).read(
                text, options: options.map(\.matcherOption), multiple: spec.multiple,
                maxCount: spec.maxCount)
            if case .selected = matched { result = matched } else { result = .ambiguous(indexes) }
        case .invalid:
            result = OptionMatcher(lexicon: lexicon).read(
                text, options: options.map(\.matcherOption), multiple: spec.multiple,
                maxCount: spec.maxCount)
        }
        switch result {
        case .selected(let indexes):
            let values = indexes.map { options[$0].value }
            return .value(spec.multiple ? .list(values) : values[0])
        case .guess(let index):
            return .confirm(spec.multiple ? .list([options[index].value]) : options[index].value)
        case .ambiguous(let indexes):
            return .retry("system.ambiguous", ["numbers": .list(indexes.map { .number($0 + 1) })])
        case .invalid:
            return .retry(Self.repromptKey(spec), ["count": .number(options.count), "max": .number(spec.maxCount ?? options.count)])
        }
    }

    public static func repromptKey(_ spec: AnswerSpec) -> String {
        spec.type == .choice && spec.multiple ? "reprompt.choice_multiple" : "reprompt.\(spec.type.rawValue)"
    }
}
