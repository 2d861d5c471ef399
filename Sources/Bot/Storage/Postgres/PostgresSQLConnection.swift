import GRDB
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A `SQLConnection` on PostgreSQL: one pooled connection, lent to one closure at a time
/// (`PostgresConnectionPool`). The store's operations are synchronous, inside the transaction
/// their caller opened, so each query here waits for its result. That is safe because the pool
/// runs the closure on a thread of its own, never on an event loop (`EventLoopFuture.wait`
/// refuses to run there).
final class PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    private let pool: PostgresConnectionPool
    private(set) var changesCount = 0
    /// Open savepoints (and the transaction itself at depth 1).
    private var depth = 0
    /// The id the last INSERT returned (`PostgresInsertedID`); nil after one that returned none.
    private var insertedID: Int64?

    init(_ connection: PostgresConnection, pool: PostgresConnectionPool) {
        self.connection = connection
        self.pool = pool
    }

    var dialect: SQLDialect { .postgres }

    func execute(sql: String, arguments: SQLArguments, cached: Bool) throws {
        guard PostgresInsertedID.isInsert(sql) else {
            changesCount = try run(sql, arguments).metadata.rows ?? 0
            return
        }
        insertedID = nil
        guard let returning = PostgresInsertedID.returning(sql) else {
            changesCount = try run(sql, arguments).metadata.rows ?? 0
            return
        }
        let result = try run(returning, arguments)
        changesCount = result.metadata.rows ?? 0
        // Of several rows, the last: as SQLite's last rowid after a multi-row INSERT.
        insertedID = try result.rows.last.map(PostgresValues.firstValue).flatMap { Int64.fromDatabaseValue($0) }
    }

    func fetchRows(sql: String, arguments: SQLArguments, cached: Bool) throws -> [Row] {
        try run(sql, arguments).rows.map(PostgresValues.row)
    }

    func withFirstRow<T>(sql: String, arguments: SQLArguments, cached: Bool, _ read: (Row) throws -> T) throws -> T? {
        guard let first = try run(sql, arguments).rows.first else { return nil }
        return try read(PostgresValues.row(first))
    }

    func fetchFirstColumn(sql: String, arguments: SQLArguments, cached: Bool, limit: Int?) throws -> [DatabaseValue] {
        let rows = try run(sql, arguments).rows
        return try rows.prefix(limit ?? rows.count).map(PostgresValues.firstValue)
    }

    /// The id the last INSERT returned; else `lastval()`, the value the session last drew from an
    /// identity column.
    var lastInsertedRowID: Int64 {
        get throws {
            if let insertedID { return insertedID }
            guard let id = try Int64.fetchOne(self, sql: "SELECT lastval()") else {
                throw SQLValueError.unexpectedNull(sql: "SELECT lastval()")
            }
            return id
        }
    }

    func inTransaction(_ body: () throws -> Database.TransactionCompletion) throws {
        let completion = try nested(open: "BEGIN", undo: { try finish(commit: false) }, body)
        try finish(commit: completion == .commit)
    }

    func inSavepoint(_ body: () throws -> Database.TransactionCompletion) throws {
        guard depth > 0 else { return try inTransaction(body) }
        let name = "s\(depth)"
        let completion = try nested(open: "SAVEPOINT \(name)", undo: { try run("ROLLBACK TO SAVEPOINT \(name)", []) }, body)
        if completion == .rollback { try run("ROLLBACK TO SAVEPOINT \(name)", []) }
        try run("RELEASE SAVEPOINT \(name)", [])
    }

    /// Runs `body` as one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(readOnly: Bool = false, _ body: () throws -> T) throws -> T {
        let begin = readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
        let result = try nested(open: begin, undo: { try finish(commit: false) }, body)
        try finish(commit: true)
        return result
    }

    /// Runs `body` one level deeper, after `open`. When `body` throws, `undo` runs and the body's
    /// error goes on (an `undo` that fails too, on a lost connection, adds nothing to it).
    private func nested<T>(open: String, undo: () throws -> Void, _ body: () throws -> T) throws -> T {
        try run(open, [])
        depth += 1
        defer { depth -= 1 }
        do {
            return try body()
        } catch {
            try? undo()
            throw error
        }
    }

    private func finish(commit: Bool) throws {
        try run(commit ? "COMMIT" : "ROLLBACK", [])
        if commit {
            pool.commits.add(1, ordering: .relaxed)
        } else {
            pool.rollbacks.add(1, ordering: .relaxed)
        }
    }

    @discardableResult
    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        let query = PostgresQuery(unsafeSQL: PostgresPlaceholders.numbered(sql), binds: try PostgresValues.bindings(arguments))
        do {
            return try answer(to: connection.query(query, logger: pool.logger), sql: sql)
        } catch let error as PSQLError {
            throw PostgresFailure(error, sql: sql)
        }
    }

    /// The longest a statement may go without an answer: far beyond any the store runs (a lock
    /// waited for, a VACUUM after an erasure), short enough that a lost server is noticed.
    static let answerTimeout: TimeAmount = .seconds(60)

    /// Waits for a statement's answer. A statement sent as the server went away (a crash, a
    /// restart) can stay unanswered by PostgresNIO for ever, holding its pool thread and every
    /// message waiting behind it; so the connection is checked every 100 ms, and a closed one (or
    /// no answer within `answerTimeout`) fails the statement. The pool then drops the connection.
    private func answer(to future: EventLoopFuture<PostgresQueryResult>, sql: String) throws -> PostgresQueryResult {
        let connection = self.connection
        let loop = connection.eventLoop
        let promise = loop.makePromise(of: PostgresQueryResult.self)
        future.cascade(to: promise)
        let started = NIODeadline.now()
        let watch = loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) { task in
            if connection.isClosed {
                promise.fail(PostgresFailure(lost: "the connection to the server closed", sql: sql))
            } else if NIODeadline.now() - started > Self.answerTimeout {
                promise.fail(PostgresFailure(lost: "no answer from the server in time", sql: sql))
                _ = connection.close() as EventLoopFuture<Void>
            } else {
                return
            }
            task.cancel()
        }
        defer { watch.cancel() }
        return try promise.futureResult.wait()
    }
}
