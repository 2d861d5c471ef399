public enum OptionSource: Sendable {
    /// A fixed list of the flow.
    case list(String)
    /// The items of a list variable; records are shown by their `label` field (default `name`).
    case items(Path, label: String?)
}
