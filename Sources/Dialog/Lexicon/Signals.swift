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

    public var crisis: [(pattern: SignalPattern, kind: Crisis)] = []
    /// Figures of speech that make a crisis phrase in the same clause none ("dood van het lachen").
    public var notCrisis: [SignalPattern] = []
    public var disclosure: [SignalPattern] = []
    public var questions: [(pattern: SignalPattern, kind: Question)] = []
    public var complaints: [SignalPattern] = []

    public init() {}

    /// A crisis in the message, if any: the most serious kind found (danger, then violence, then suicide).
    public func crisis(in message: Words) -> Crisis? {
        guard !message.isEmpty else { return nil }
        let clause = Self.clauses(message)
        let figurative = Set(notCrisis.flatMap { $0.matches(in: message) }.flatMap { $0.map { clause[$0] } })
        var found: Set<Crisis> = []
        for (pattern, kind) in crisis where !found.contains(kind) {
            // A crisis typed in haste is still one: typos count here, and only here.
            if pattern.matches(in: message, typos: true).contains(where: { span in !span.contains { figurative.contains(clause[$0]) } }) {
                found.insert(kind)
            }
        }
        return [Crisis.danger, .violence, .suicide].first { found.contains($0) }
    }

    /// What a message that is no answer says: a question, something told, or a complaint.
    public func other(in message: Words) -> Signal? {
        if let q = questions.first(where: { !$0.pattern.matches(in: message).isEmpty }) { return .question(q.kind) }
        if disclosure.contains(where: { !$0.matches(in: message).isEmpty }) { return .disclosure }
        if complaints.contains(where: { !$0.matches(in: message).isEmpty }) { return .complaint }
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
