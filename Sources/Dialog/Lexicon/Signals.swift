/// What a message may say besides an answer, read from `signals.*.yaml` beside the flows: signs
/// of a crisis, something the inwoner tells about their life, a question back, a complaint.
public struct Signals: Sendable {
    public enum Crisis: String, Sendable, CaseIterable {
        /// Thoughts of suicide, not being able to go on, self-harm: 113.
        case suicide
        /// Violence or abuse at home: Veilig Thuis.
        case violence
        /// Acute danger now: 112.
        case danger
    }

    public enum Question: String, Sendable, CaseIterable {
        /// "Waarom vraag je dat?"
        case why
        /// "Hoe lang duurt dit nog?"
        case howLong = "how_long"
        /// "Wat bedoel je?"
        case meaning
        /// "Wie leest dit?"
        case privacy
        /// "Ben jij een robot?"
        case who
        /// "Moet ik dit invullen?", "Kan ik later verder?"
        case skip
        /// "Kost dit geld?"
        case cost
        /// "Kan ik in het Engels antwoorden?"
        case language
    }

    public enum Signal: Sendable, Equatable {
        case crisis(Crisis)
        case disclosure
        case question(Question)
        case complaint
    }

    public var crisis = PatternSet<Crisis>()
    /// Figures of speech that make a crisis phrase in the same clause none ("dood van het lachen").
    public var notCrisis = PatternSet<Void>()
    public var disclosure = PatternSet<Void>()
    public var questions = PatternSet<Question>()
    public var complaints = PatternSet<Void>()

    public init() {}

    /// A crisis in the message, if any: the most serious kind found (danger, then violence, then suicide).
    public func crisis(in message: Words) -> Crisis? {
        guard !message.isEmpty else { return nil }
        // A crisis typed in haste is still one: typos count here, and only here.
        let found = crisis.matches(in: message, typos: true)
        guard !found.isEmpty else { return nil }
        let clause = Self.clauses(message)
        let figurative = Set(notCrisis.matches(in: message, typos: false).flatMap { $0.span.map { clause[$0] } })
        let kinds = Set(found.filter { !$0.span.contains { figurative.contains(clause[$0]) } }.map { crisis.patterns[$0.index].kind })
        return [Crisis.danger, .violence, .suicide].first { kinds.contains($0) }
    }

    /// What a message that is no answer says: a question, something told, or a complaint.
    public func other(in message: Words) -> Signal? {
        if let kind = questions.first(in: message) { return .question(kind) }
        if !disclosure.matches(in: message, typos: false).isEmpty { return .disclosure }
        if !complaints.matches(in: message, typos: false).isEmpty { return .complaint }
        return nil
    }

    /// The clause number of each word.
    static func clauses(_ message: Words) -> [Int] {
        var n = 0
        return message.clauseEnds.map { end in
            defer { if end { n += 1 } }
            return n
        }
    }
}
