import GRDB

/// The values for a statement's `?` placeholders, in order. Kept as the Swift values themselves
/// (not yet as SQLite's storage classes), so that PostgreSQL can bind a `Bool` as a boolean.
package struct SQLArguments: ExpressibleByArrayLiteral {
    package private(set) var values: [(any DatabaseValueConvertible)?]

    package init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
        values = elements
    }

    package init(_ values: some Sequence<(any DatabaseValueConvertible)?>) {
        self.values = Array(values)
    }

    package init<Values: Sequence>(_ values: Values) where Values.Element: DatabaseValueConvertible {
        self.values = values.map { $0 }
    }

    package mutating func append(_ value: (any DatabaseValueConvertible)?) {
        values.append(value)
    }

    package static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        SQLArguments(lhs.values + rhs.values)
    }

    /// The same values as GRDB binds them on SQLite.
    var statementArguments: StatementArguments { StatementArguments(values) }
}
