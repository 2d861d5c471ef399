/// How an answer was read: surely, as a guess that the inwoner confirms first ("Bedoel je een
/// 6?"), or not at all.
public enum Reading<T: Sendable & Equatable>: Sendable, Equatable {
    case sure(T)
    case guess(T)
    case refused

    public var value: T? {
        switch self {
        case .sure(let v), .guess(let v): v
        case .refused: nil
        }
    }

    /// The value only when read surely.
    public var sure: T? {
        if case .sure(let v) = self { return v }
        return nil
    }
}
