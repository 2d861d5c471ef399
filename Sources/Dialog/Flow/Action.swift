public enum Action: Sendable {
    case set(Path, Expr)
    case append(Path, Expr)
    /// A record for Bot to store (`score`, `goal`, `action`, ...). `id` names where its local id is
    /// kept: empty there means a fresh id, a value there means the same record again (an update).
    case emit(kind: String, fields: [String: Expr], id: Path?)
    case complete(module: String)
    /// `find: voorzieningen`: the voorzieningen of the sociale kaart that fit a leefgebied (and,
    /// with `kinds`, a kind of help that is missing), at most two, as offers in `into`.
    /// `find: wederkerigheid`: at most two places where the inwoner can do something for others.
    case findVoorzieningen(Lookup, into: Path)

    public enum Lookup: Sendable {
        case fitting(leefgebied: Expr, kinds: Expr?)
        case reciprocity
    }
    indirect case when(Condition, Action)
}
