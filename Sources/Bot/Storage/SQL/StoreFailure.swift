import GRDB
import NIOCore
import PostgresNIO

/// What a failed store access means for its caller, whichever backend failed: the same answer
/// (a retry, a 503) for SQLite's busy file and PostgreSQL's lock timeout or lost server.
enum StoreFailure {
    /// The database could not take the work right now and will soon: SQLite's file was busy or
    /// locked; PostgreSQL gave up on a lock, found a deadlock or a serialization conflict, cancelled
    /// a statement that ran too long, or is not reachable (restarting, the network down).
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? DatabaseError {
            return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        }
        if let error = error as? PostgresFailure {
            if let state = error.sqlState { return transientStates.contains(state) || state.hasPrefix("08") }
            return unreachable.contains(error.code)
        }
        if let error = error as? PSQLError { return unreachable.contains(error.code) }
        return error is ChannelError || error is IOError
    }

    /// A row broke one of the schema's rules (a CHECK, a unique key, a foreign key, NOT NULL).
    static func isConstraintViolation(_ error: any Error) -> Bool {
        if let error = error as? DatabaseError { return error.resultCode == .SQLITE_CONSTRAINT }
        if let error = error as? PostgresFailure, let state = error.sqlState { return state.hasPrefix("23") }
        return false
    }

    /// 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 57014 statement
    /// cancelled (a timeout), 57P01–57P03 the server shutting down or starting; class 08 is a lost
    /// connection.
    private static let transientStates: Set<String> = ["40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03"]

    private static let unreachable: Set<PSQLError.Code> = [
        .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed
    ]
}
