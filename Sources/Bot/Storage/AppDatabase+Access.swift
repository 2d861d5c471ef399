import GRDB

/// How every part of Wegwijzer reaches the store: a closure on a `SQLConnection`, run in a write
/// transaction (`write`), a read (`read`), or a write access that opens its transactions itself
/// (`writeWithoutTransaction`, for group commit). The synchronous forms are for the command line
/// and the chat REPL; a server awaits the others, which do not hold an event loop while they run.
extension AppDatabase {
    package func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.write { db in try body(SQLiteConnection(db)) }
    }

    package func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await writer.write { db in try body(SQLiteConnection(db)) }
    }

    package func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteConnection(db)) }
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await writer.read { db in try body(SQLiteConnection(db)) }
    }

    package func writeWithoutTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in try body(SQLiteConnection(db)) }
    }

    package func writeWithoutTransaction<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await writer.writeWithoutTransaction { db in try body(SQLiteConnection(db)) }
    }
}
