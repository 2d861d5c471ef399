/// The four kinds of hulpbronnen the method inventories. The raw value is the word a gemeente
/// writes in `voorzieningen.yaml` (`soort:`).
public enum ResourceKind: String, Sendable, CaseIterable, Hashable {
    /// Informatief: information and advice.
    case information = "informatief"
    /// Materieel: things, housing, transport.
    case things = "materieel"
    /// Financieel: money, allowances, a buffer.
    case money = "financieel"
    /// Relationeel: people, contact, belonging.
    case people = "relationeel"
}
