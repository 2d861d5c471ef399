import GRDB

/// One connection to the store's database, of either backend, as every store operation runs on it:
/// inside the transaction its caller opened (`AppDatabase.write`, `read`), so an inbound message,
/// its engine step, its state, answers and outbox are written together or not at all.
///
/// Rows and values are GRDB's `Row` and `DatabaseValueConvertible` on both backends: the store's
/// operations read columns by name (case-insensitively, so PostgreSQL's folded names match) and
/// decode them the one way. SQL is written once, with `?` placeholders, in the dialect both
/// backends share; where they differ, the operation asks `dialect`.
///
/// Not `Sendable`: a connection belongs to the closure it was handed to.
package protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs one statement. `cached` keeps it prepared for the next call (for SQL that is run
    /// again and again; not for SQL built with a varying number of placeholders).
    func execute(sql: String, arguments: SQLArguments, cached: Bool) throws

    /// The rows a query returns, in order.
    func fetchRows(sql: String, arguments: SQLArguments, cached: Bool) throws -> [Row]

    /// `read` applied to the first row, without copying it first; nil when there is none.
    func withFirstRow<T>(sql: String, arguments: SQLArguments, cached: Bool, _ read: (Row) throws -> T) throws -> T?

    /// The first column of each row, in order (what `Int.fetchAll` and `fetchOne` read).
    func fetchFirstColumn(sql: String, arguments: SQLArguments, cached: Bool, limit: Int?) throws -> [DatabaseValue]

    /// How many rows the last `execute` inserted, changed or deleted.
    var changesCount: Int { get }

    /// The id the last INSERT into a table with a generated id gave its row.
    var lastInsertedRowID: Int64 { get throws }

    /// Runs `body` in a transaction of its own, committed or rolled back as `body` says.
    func inTransaction(_ body: () throws -> Database.TransactionCompletion) throws

    /// Runs `body` in a savepoint: on rollback (or a throw) only its own writes are undone.
    func inSavepoint(_ body: () throws -> Database.TransactionCompletion) throws
}

extension SQLConnection {
    package func execute(sql: String, arguments: SQLArguments = []) throws {
        try execute(sql: sql, arguments: arguments, cached: false)
    }

    /// A statement run again and again: kept prepared where the backend can.
    package func cachedStatement(sql: String) -> SQLStatement {
        SQLStatement(connection: self, sql: sql)
    }
}
