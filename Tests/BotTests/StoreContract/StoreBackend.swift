import Dialog
import Foundation
import GRDB
import Synchronization
import Testing

@testable import Bot

/// The stores every case of the store contract runs on.
///
/// The contract is the named operations in `Sources/Bot/Storage/` (`PersonStore`, `OutboxStore`,
/// `JobStore`, `Erasure`, ...), each taking the caller's transaction. Every contract test is
/// `@Test(arguments: StoreBackend.allCases)` and reaches the store only through `withStore`, so it
/// runs once per case here, on a fresh, empty store of its own.
///
/// How a new backend (PostgreSQL) joins:
/// 1. Add its case below, e.g. `case postgres`.
/// 2. In `make(scratch:)`, return a fresh, empty, migrated store of that kind (a database or schema
///    of its own per test, so cases can run in parallel). `scratch` is a directory of the test's
///    own, removed after it; a backend that keeps nothing on the local disk ignores it.
/// 3. In `discard(_:)`, remove what `make` made outside `scratch` (drop the schema).
/// 4. In `everyText(in:)`, list the tables from that backend's own catalogue
///    (`information_schema.tables` instead of `sqlite_master`): the erasure test scans them all.
/// Nothing else changes: no test names a backend. A case that holds only for some backends says so
/// with `.enabled(if:)` on that backend (none does today).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// SQLite in memory (`AppDatabase.inMemory()`: one connection, as the tests and the chat REPL use it).
    case memory
    /// SQLite in a file in WAL mode (`AppDatabase.open(path:)`: a pool of readers and one writer, as `serve` uses it).
    case file
    /// PostgreSQL, a database of its own per test on the throwaway cluster scripts/test starts
    /// (`PostgresTestDatabase`); without a cluster the case fails with the reason.
    case postgres

    var testDescription: String { rawValue }

    /// SQLite, in memory or in a file; false for a database server.
    var isSQLite: Bool { self != .postgres }

    /// A fresh, empty store with the whole schema.
    func make(scratch: URL) throws -> AppDatabase {
        switch self {
        case .memory: try AppDatabase.inMemory()
        case .file: try AppDatabase.open(path: scratch.appendingPathComponent("wegwijzer.sqlite").path)
        case .postgres: try PostgresTestDatabase.makeStore()
        }
    }

    /// Lets go of what `make` made: closes the store's connections (the scratch directory itself is
    /// removed by `withStore`).
    func discard(_ database: AppDatabase) {
        switch self {
        case .memory: break
        case .file: try? (database.writer as? DatabasePool)?.close()
        case .postgres: PostgresTestDatabase.dropStore(database)
        }
    }

    /// Runs `body` on a fresh store of this backend and removes the store afterwards, whether
    /// `body` returned or threw. `body` must not keep the store (nor a service on it) beyond its end.
    func withStore<T>(_ body: (AppDatabase) throws -> T) throws -> T {
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = try make(scratch: scratch)
        defer { discard(database) }
        return try body(database)
    }

    /// The same for a test that awaits (the erasure's `finish`).
    func withAsyncStore<T>(_ body: (AppDatabase) async throws -> T) async throws -> T {
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = try make(scratch: scratch)
        defer { discard(database) }
        return try await body(database)
    }

    private static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wegwijzer-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every value in every table of the store as text, with its table: what the erasure test
    /// searches for a phone number or an answer. Raw SQL on purpose: it must see every table,
    /// including ones no operation reads.
    func everyText(in db: any SQLConnection) throws -> [(table: String, text: String)] {
        let tables: [String]
        switch self {
        case .memory, .file:
            tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        case .postgres:
            tables = try String.fetchAll(
                db,
                sql: """
                    SELECT table_name::text FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                    """)
        }
        var found: [(table: String, text: String)] = []
        for table in tables {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                for (_, value) in row {
                    switch value.storage {
                    case .null: break
                    case .int64(let n): found.append((table, String(n)))
                    case .double(let d): found.append((table, String(d)))
                    case .string(let s): found.append((table, s))
                    case .blob(let b): found.append((table, String(decoding: b, as: UTF8.self)))
                    }
                }
            }
        }
        return found
    }

    /// The tables in which `needle` appears (ignoring case), each once.
    func tables(containing needle: String, in db: any SQLConnection) throws -> Set<String> {
        Set(try everyText(in: db).filter { $0.text.localizedCaseInsensitiveContains(needle) }.map(\.table))
    }
}

/// Counts the transactions a store commits and rolls back (savepoints are not transactions).
/// On SQLite a GRDB observer counts them; on PostgreSQL the store's own counts, from a start.
final class TransactionCounter: TransactionObserver, Sendable {
    private let counts = Mutex((commits: 0, rollbacks: 0))
    private let database: AppDatabase
    private let start: (commits: Int, rollbacks: Int)?

    private init(database: AppDatabase) {
        self.database = database
        self.start = database.postgresTransactions
    }

    var commits: Int {
        if let start, let now = database.postgresTransactions { return now.commits - start.commits }
        return counts.withLock { $0.commits }
    }

    var rollbacks: Int {
        if let start, let now = database.postgresTransactions { return now.rollbacks - start.rollbacks }
        return counts.withLock { $0.rollbacks }
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { counts.withLock { $0.commits += 1 } }
    func databaseDidRollback(_ db: Database) { counts.withLock { $0.rollbacks += 1 } }

    /// A counter watching every transaction of `database` from now on.
    static func watching(_ database: AppDatabase) -> TransactionCounter {
        let counter = TransactionCounter(database: database)
        if let sqlite = database.sqlite {
            sqlite.writeWithoutTransaction { db in db.add(transactionObserver: counter, extent: .databaseLifetime) }
        }
        return counter
    }
}
