import GRDB

/// How every part of Wegwijzer reaches the store: a closure on a `SQLConnection`, run in a write
/// transaction (`write`), a read (`read`: on PostgreSQL one REPEATABLE READ snapshot, as a SQLite
/// reader sees one), or a write access that opens its transactions itself
/// (`writeWithoutTransaction`, for group commit). The synchronous forms are for the command line
/// and the chat REPL; a server awaits the others, which hold no event loop while they run.
extension AppDatabase {
    package func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let writer): try writer.write { db in try body(SQLiteConnection(db)) }
        case .postgres(let pool): try pool.withSQL { db in try db.transaction { try body(db) } }
        }
    }

    package func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer): try await writer.write { db in try body(SQLiteConnection(db)) }
        case .postgres(let pool): try await pool.withSQL { db in try db.transaction { try body(db) } }
        }
    }

    /// A write the database could not take right now (`StoreFailure.isTransient`: SQLite's file
    /// busy past its timeout, a PostgreSQL deadlock, lock timeout or lost connection) is tried
    /// again a few times, a little later each time, before its error reaches the caller. Only for
    /// work that may simply be done again: a failed attempt was rolled back whole.
    package func writeRetrying<T: Sendable>(attempts: Int = 5, _ body: @escaping @Sendable (any SQLConnection) throws -> T)
        async throws -> T
    {
        var attempt = 1
        while true {
            do {
                return try await write(body)
            } catch  where StoreFailure.isTransient(error) && attempt < attempts {
                try? await Task.sleep(for: .milliseconds(250 * attempt))
                attempt += 1
            }
        }
    }

    package func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let writer): try writer.read { db in try body(SQLiteConnection(db)) }
        case .postgres(let pool): try pool.withSQL { db in try db.transaction(readOnly: true) { try body(db) } }
        }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer): try await writer.read { db in try body(SQLiteConnection(db)) }
        case .postgres(let pool): try await pool.withSQL { db in try db.transaction(readOnly: true) { try body(db) } }
        }
    }

    package func writeWithoutTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let writer): try writer.writeWithoutTransaction { db in try body(SQLiteConnection(db)) }
        case .postgres(let pool): try pool.withSQL { db in try body(db) }
        }
    }

    package func writeWithoutTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer): try await writer.writeWithoutTransaction { db in try body(SQLiteConnection(db)) }
        case .postgres(let pool): try await pool.withSQL { db in try body(db) }
        }
    }
}

extension PostgresConnectionPool {
    fileprivate func withSQL<T>(_ body: (PostgresSQLConnection) throws -> T) throws -> T {
        try withConnection { connection in try body(PostgresSQLConnection(connection, pool: self)) }
    }

    fileprivate func withSQL<T: Sendable>(_ body: @escaping @Sendable (PostgresSQLConnection) throws -> T) async throws -> T {
        try await withConnection { connection in try body(PostgresSQLConnection(connection, pool: self)) }
    }
}
