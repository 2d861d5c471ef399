/// A value the store read back is not what its operation expects: a schema or SQL mistake, not bad
/// input, so it names what was read.
enum SQLValueError: Error, CustomStringConvertible {
    case unexpectedNull(sql: String)
    case undecodable(String, as: String)

    var description: String {
        switch self {
        case .unexpectedNull(let sql): "a NULL where a value was expected, from: \(sql)"
        case .undecodable(let value, let type): "\(value) cannot be read as \(type)"
        }
    }
}
