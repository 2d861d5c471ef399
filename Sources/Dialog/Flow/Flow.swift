/// A conversation written as data: nodes that say something, ask something, loop over a list or
/// branch. Loaded from a YAML file by `FlowDecoder`; checked by `FlowChecker`.
public struct Flow: Sendable {
    public var id: String
    public var version: Int
    public var start: String
    /// Fixed option lists; the label of option `k` in list `l` is the text `l.k`.
    public var lists: [String: [String]]
    /// Lists whose options are bands of hours a week: where each option starts, in list order.
    public var hours: [String: AmountParser.Bands] = [:]
    public var modules: [Module]
    public var nodes: [String: Node]
    /// Node ids in the order of the file.
    public var order: [String]
    public var commands: Commands
    /// What the inwoner can do once the flow has ended (the main flow: PLAN, KLAAR 2, NIEUW, ...).
    public var menu: Menu?
    public var limits: Limits
    /// The file the flow came from, for messages that name file and line.
    public var file: String
    /// Nodes of an earlier version and the node a conversation waiting there goes on at, so a
    /// changed flow does not strand a conversation that was stored at a node it no longer has.
    public var moved: [String: String] = [:]

    public func module(_ id: String?) -> Module? { modules.first { $0.id == id } }
}
