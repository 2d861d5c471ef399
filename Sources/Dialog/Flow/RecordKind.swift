/// The records a flow may emit for `Bot` to store, with the fields each must have.
public enum RecordKind: String, Sendable, CaseIterable {
    case consent, score, strength, network, wish, goal, action, mantelzorg, spiegelblad

    public var requiredFields: Set<String> {
        switch self {
        case .consent: ["purpose", "granted"]
        case .score: ["leefgebied", "score"]
        case .strength: ["kind", "text"]
        case .network: ["name"]
        case .wish: ["leefgebied"]
        case .goal: ["text", "rank"]
        case .action: ["goal", "what", "who"]
        case .mantelzorg: ["direction"]
        case .spiegelblad: ["module"]
        }
    }
}
