import GRDB

/// A `SQLConnection` on SQLite: GRDB's `Database` inside the write or read GRDB opened.
final class SQLiteConnection: SQLConnection {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    var dialect: SQLDialect { .sqlite }

    func execute(sql: String, arguments: SQLArguments, cached: Bool) throws {
        if cached {
            try db.cachedStatement(sql: sql).execute(arguments: arguments.statementArguments)
        } else {
            try db.execute(sql: sql, arguments: arguments.statementArguments)
        }
    }

    func fetchRows(sql: String, arguments: SQLArguments, cached: Bool) throws -> [Row] {
        try Row.fetchAll(statement(sql, cached), arguments: arguments.statementArguments)
    }

    func withFirstRow<T>(sql: String, arguments: SQLArguments, cached: Bool, _ read: (Row) throws -> T) throws -> T? {
        // Read in place from the cursor's row: copying first would copy every column (a state is
        // kilobytes) before it is read again by name.
        let rows = try Row.fetchCursor(statement(sql, cached), arguments: arguments.statementArguments)
        guard let row = try rows.next() else { return nil }
        return try read(row)
    }

    func fetchFirstColumn(sql: String, arguments: SQLArguments, cached: Bool, limit: Int?) throws -> [DatabaseValue] {
        // GRDB reads the column straight from the statement, without making a row first.
        let statement = try statement(sql, cached)
        if limit == 1 { return try DatabaseValue.fetchOne(statement, arguments: arguments.statementArguments).map { [$0] } ?? [] }
        return try DatabaseValue.fetchAll(statement, arguments: arguments.statementArguments)
    }

    private func statement(_ sql: String, _ cached: Bool) throws -> Statement {
        cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    var changesCount: Int { db.changesCount }

    var lastInsertedRowID: Int64 { db.lastInsertedRowID }

    func inTransaction(_ body: () throws -> Database.TransactionCompletion) throws {
        try db.inTransaction(nil, body)
    }

    func inSavepoint(_ body: () throws -> Database.TransactionCompletion) throws {
        try db.inSavepoint(body)
    }
}
