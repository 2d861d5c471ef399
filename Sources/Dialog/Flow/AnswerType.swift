public enum AnswerType: String, Sendable, CaseIterable {
    case score, yesno, choice, text, name, phone, date
    /// Hours of care, read into the bands of its list (`hours` in the flow file).
    case amount
    /// Who does an action: the inwoner, a network member (by number, name or relation), the
    /// professional, or someone new ("mijn zoon", whose name is asked next).
    case owner
    /// Someone the inwoner names: `{naam, relatie}`, either of them possibly missing.
    case person
    /// Several people at once ("Ans en mijn buurman Karim"): a list of `{naam, relatie}`.
    case people
    /// A relation word ("zus", "buurman").
    case relation
    /// What helps or is needed, in the inwoner's words: `{text, kinds}`, with the kinds of
    /// hulpbron the words name (information, things, money, people), possibly none.
    case resources

    /// Whether the answer is picked from shown options.
    public var hasOptions: Bool { self == .choice || self == .owner || self == .amount }
}
