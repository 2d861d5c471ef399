/// What an inwoner can do once the intake has ended: the conversation stays open for these.
/// Every word is a whole message, as commands are; `done` takes the action's number ("KLAAR 2").
public struct Menu: Sendable {
    /// Shown for a message that is none of these, with the choices.
    public var text: String
    /// Shown for HULP; HULP also asks the professional to make contact.
    public var help: String
    /// The plan as it is stored now.
    public var plan: [String] = []
    /// An action of the plan is done.
    public var done: [String] = []
    /// Asks the professional to make contact.
    public var contact: [String] = []
    /// Shown after CONTACT (and HULP): what happens now.
    public var contactText: String
    /// Shown for KLAAR without a number.
    public var whichAction: String
    /// Words that start a part of the flow (a new action, a new score), by the node they enter.
    public var entries: [(words: [String], node: String)] = []
    /// When the menu is open (the intake reached its end, not a refusal at the start).
    public var condition: Condition?
    public var line: Int

    enum Choice: Equatable {
        case plan, contact, node(String)
        case done(Int?)
    }

    /// The choice a whole message makes, if any (`folded` as `AnswerText.fold` makes it).
    func choice(_ text: String, folded: String) -> Choice? {
        if plan.contains(folded) { return .plan }
        if contact.contains(folded) { return .contact }
        if let entry = entries.first(where: { $0.words.contains(folded) }) { return .node(entry.node) }
        let words = Words(text).words
        guard let first = words.first, done.contains(first) else { return nil }
        if words.count == 1 { return .done(nil) }
        guard words.count == 2, let n = Int(words[1]), n > 0 else { return nil }
        return .done(n)
    }
}
