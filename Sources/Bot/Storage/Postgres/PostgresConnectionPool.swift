import Dispatch
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// At most `size` connections to one PostgreSQL database, each lent to one closure at a time, on a
/// thread of the pool's own.
///
/// Written by hand, not PostgresNIO's `PostgresClient`: the store's operations are synchronous and
/// run inside one transaction with the engine step between them (as on SQLite), so a connection
/// must be held across synchronous work. `PostgresClient` lends a connection only to an async
/// closure. Here a closure runs on one of `size` threads that may block (`NIOThreadPool`), never on
/// an event loop or Swift's cooperative threads, and waits for each query there.
///
/// A connection that closed (the server restarted, the network dropped) is not lent again: the
/// next closure opens a fresh one, so the store recovers by itself when the database returns.
final class PostgresConnectionPool: Sendable {
    let size: Int
    private let configuration: PostgresConnection.Configuration
    let logger: Logger
    private let threads: NIOThreadPool
    private let permits: DispatchSemaphore
    private let idle = Mutex<[PostgresConnection]>([])
    private let opened = Atomic<Int>(0)
    /// Transactions committed and rolled back through this pool (savepoints not counted): what a
    /// bench reports as commits per second, and what shows group commit at work.
    let commits = Atomic<Int>(0)
    let rollbacks = Atomic<Int>(0)

    /// The database the connections are to.
    var databaseName: String? { configuration.database }

    init(configuration: PostgresConnection.Configuration, size: Int, logger: Logger) {
        precondition(size > 0, "a pool needs at least one connection")
        self.size = size
        self.configuration = configuration
        self.logger = logger
        self.permits = DispatchSemaphore(value: size)
        self.threads = NIOThreadPool(numberOfThreads: size)
        threads.start()
    }

    /// Runs `body` with a connection, on the calling thread (which may block: the command line,
    /// the chat REPL, a thread of this pool).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        permits.wait()
        defer { permits.signal() }
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }

    /// The same from async code: `body` runs on one of the pool's threads.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.withConnection(body) }
    }

    /// Closes every idle connection and stops the threads; for the end of the process. Also when
    /// the pool goes without it: a connection dropped unclosed would leave its server process
    /// waiting for the network to time out.
    func close() {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        // Waiting is refused on an event loop; there the connections close on their own time.
        let mayWait = MultiThreadedEventLoopGroup.currentEventLoop == nil
        for connection in connections {
            let closed: EventLoopFuture<Void> = connection.close()
            if mayWait { try? closed.wait() }
        }
        if mayWait { try? threads.syncShutdownGracefully() } else { threads.shutdownGracefully { _ in } }
    }

    deinit {
        close()
    }

    private func take() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        let id = opened.add(1, ordering: .relaxed).newValue
        do {
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
            ).wait()
            for setting in Self.sessionSettings {
                _ = try connection.query(PostgresQuery(unsafeSQL: setting), logger: logger).wait()
            }
            return connection
        } catch {
            // Refused, starting up, unreachable: the caller answers "try again" (`StoreFailure`).
            throw PostgresFailure(lost: "cannot connect to the server: \(String(reflecting: error))", sql: "(connecting)")
        }
    }

    /// Set on every connection when it opens:
    /// - a transaction whose instance went silent mid-way (a dead machine sends no FIN) is ended by
    ///   the server after 30 seconds idle, so its locks (an inwoner's row, claimed jobs) return
    ///   then, not after TCP's keepalive of hours. No transaction here waits on anything but the
    ///   database between two statements;
    /// - a statement waits at most 10 seconds for a lock: a batch that meets an inwoner another
    ///   transaction holds fails with "try again" (and is then applied message by message, see
    ///   `InboundBatcher.commit`) instead of holding up the instance's inbound messages.
    static let sessionSettings = ["SET idle_in_transaction_session_timeout = '30s'", "SET lock_timeout = '10s'"]

    private func give(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        idle.withLock { $0.append(connection) }
    }
}
