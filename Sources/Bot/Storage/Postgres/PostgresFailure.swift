import Foundation
import PostgresNIO

/// A PostgreSQL error as the store reports it: the server's message and SQLSTATE, and the
/// statement (its text only: the values are bound apart from it). PostgresNIO's own error prints
/// nothing, so that no value leaks into a log; the server's `detail` (which may quote a value,
/// such as a phone number that was already there) is left out here for the same reason.
struct PostgresFailure: Error, CustomStringConvertible {
    let code: PSQLError.Code
    let sqlState: String?
    let message: String?
    let sql: String

    init(_ error: PSQLError, sql: String) {
        code = error.code
        sqlState = error.serverInfo?[.sqlState]
        message = error.serverInfo?[.message]
        self.sql = sql
    }

    /// The connection closed, or gave no answer in time, while the statement ran.
    init(lost why: String, sql: String) {
        code = .serverClosedConnection
        sqlState = nil
        message = why
        self.sql = sql
    }

    var description: String {
        let statement = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        if let message {
            return "PostgreSQL: \(message) (SQLSTATE \(sqlState ?? "?")) in: \(statement.prefix(300))"
        }
        return "PostgreSQL: \(code) in: \(statement.prefix(300))"
    }
}
