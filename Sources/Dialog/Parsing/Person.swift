/// Someone the inwoner names: a name, a relation, or both ("mijn zus Ans").
public struct Person: Sendable, Equatable {
    public var name: String?
    public var relation: String?

    public init(name: String? = nil, relation: String? = nil) {
        self.name = name
        self.relation = relation
    }

    /// As a flow variable: `{naam, relatie}`, without what is not known.
    public var value: Value {
        var fields: [String: Value] = [:]
        if let name { fields["naam"] = .text(name) }
        if let relation { fields["relatie"] = .text(relation) }
        return .record(fields)
    }
}
