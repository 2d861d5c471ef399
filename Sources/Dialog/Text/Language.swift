public enum Language: String, Sendable, Codable, CaseIterable, Hashable {
    case nl, en

    /// By case, not by the raw string (the default for a `RawRepresentable`): every text looked up
    /// hashes its language.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self == .nl ? 0 : 1)
    }
}
