/// Where a lexicon entry was written, for `flows check`.
public struct LexiconPlace: Sendable, Equatable {
    public var file: String
    public var line: Int
}
