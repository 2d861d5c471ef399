/// The database behind a `SQLConnection`, for the few statements the two write differently.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// What a SELECT ends with to hold the rows it returns until its transaction ends; another
    /// transaction asking for them waits. SQLite's single writer needs nothing.
    var lockingRows: String {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR UPDATE"
        }
    }

    /// What a SELECT ends with to take the rows it returns for its transaction, passing over rows
    /// another transaction has taken: how several instances on PostgreSQL claim outbox rows and
    /// jobs without taking the same one. SQLite has one writer at a time, which needs nothing.
    /// `table` names the table whose rows are taken, when the query joins others.
    func claimingRows(of table: String? = nil) -> String {
        switch self {
        case .sqlite: ""
        case .postgres: " FOR UPDATE" + (table.map { " OF \($0)" } ?? "") + " SKIP LOCKED"
        }
    }
}
