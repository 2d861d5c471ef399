import GRDB

/// A statement the store runs again and again (`SQLConnection.cachedStatement`): the backend
/// keeps it prepared between calls.
package struct SQLStatement {
    let connection: any SQLConnection
    let sql: String

    package func execute(arguments: SQLArguments = []) throws {
        try connection.execute(sql: sql, arguments: arguments, cached: true)
    }
}
