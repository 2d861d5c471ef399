/// Who or what carries an action: the mix of eigen kracht, the social network, algemene
/// voorzieningen and professional help that the method is about. The raw value is the key of
/// the text list `drager` (its labels).
public enum PlanCarrier: String, Sendable, CaseIterable {
    case zelf, netwerk, voorziening, hulpverlener, specialist

    /// A specialist referral weighs most, then a voorziening of the sociale kaart; otherwise the
    /// owner says it.
    public init(ownerKind: String, voorziening: String?, specialist: String?) {
        if specialist != nil {
            self = .specialist
        } else if voorziening != nil {
            self = .voorziening
        } else {
            switch ownerKind {
            case "netwerk": self = .netwerk
            case "professional": self = .hulpverlener
            default: self = .zelf
            }
        }
    }

    /// The text list whose option `x` labels carrier `x`.
    public static let list = "drager"
}
