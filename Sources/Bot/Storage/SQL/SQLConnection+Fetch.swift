import GRDB

// The fetch calls the store's operations make, in GRDB's spelling, on a `SQLConnection` of either
// backend: `Row.fetchAll(db, sql:arguments:)`, `Int.fetchOne(db.cachedStatement(sql:), arguments:)`.

extension Row {
    package static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [Row] {
        try db.fetchRows(sql: sql, arguments: arguments, cached: false)
    }

    package static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Row? {
        try db.withFirstRow(sql: sql, arguments: arguments, cached: false) { $0.copy() }
    }

    package static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Row] {
        try statement.connection.fetchRows(sql: statement.sql, arguments: arguments, cached: true)
    }

    package static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Row? {
        try statement.connection.withFirstRow(sql: statement.sql, arguments: arguments, cached: true) { $0.copy() }
    }
}

extension DatabaseValueConvertible {
    /// The first column of the first row; nil when there is no row or it holds NULL.
    package static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try firstValue(db, sql, arguments, cached: false)
    }

    package static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try values(db, sql, arguments, cached: false)
    }

    package static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try firstValue(statement.connection, statement.sql, arguments, cached: true)
    }

    package static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try values(statement.connection, statement.sql, arguments, cached: true)
    }

    private static func firstValue(_ db: any SQLConnection, _ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> Self? {
        guard let value = try db.fetchFirstColumn(sql: sql, arguments: arguments, cached: cached, limit: 1).first, !value.isNull else {
            return nil
        }
        return try decode(value)
    }

    private static func values(_ db: any SQLConnection, _ sql: String, _ arguments: SQLArguments, cached: Bool) throws -> [Self] {
        try db.fetchFirstColumn(sql: sql, arguments: arguments, cached: cached, limit: nil).map { value in
            guard !value.isNull else { throw SQLValueError.unexpectedNull(sql: sql) }
            return try decode(value)
        }
    }

    private static func decode(_ value: DatabaseValue) throws -> Self {
        guard let decoded = fromDatabaseValue(value) else { throw SQLValueError.undecodable(value.description, as: "\(Self.self)") }
        return decoded
    }
}

extension DatabaseValueConvertible where Self: Hashable {
    package static func fetchSet(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Set<Self> {
        Set(try fetchAll(db, sql: sql, arguments: arguments))
    }
}
