import Foundation
import GRDB

extension AppDatabase {
    /// What a backup holds, told to whoever made it.
    struct BackupSummary: Sendable {
        var inwoners: Int
        var messages: Int
    }

    /// Copies the whole store into a new file at `path` while others go on reading and writing. The
    /// copy is consistent: it holds the store exactly as it was at one moment, every transaction
    /// wholly or not at all. The file is created for its owner only, and an existing file is
    /// refused and left untouched. The copy is checked before this returns; when anything fails,
    /// the new file is removed and nothing else has changed.
    func backup(to path: String) throws -> BackupSummary {
        guard let writer = sqlite else { throw BackupFailed(description: Self.postgresBackupAdvice) }
        try DatabaseFiles.createNew(path)
        do {
            let copy = try DatabaseQueue(path: path)
            // One step, inside one read transaction: the copy is the snapshot that transaction sees.
            try writer.backup(to: copy)
            let summary = try copy.read { db -> BackupSummary in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw BackupFailed(description: "the copy is not sound: \(check.prefix(3).joined(separator: "; "))")
                }
                return BackupSummary(
                    inwoners: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person WHERE role = 'inwoner'") ?? 0,
                    messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0)
            }
            try copy.close()
            DatabaseFiles.restrict(path)
            return summary
        } catch {
            for file in [path, path + "-wal", path + "-shm", path + "-journal"] { try? FileManager.default.removeItem(atPath: file) }
            throw error
        }
    }

    /// A PostgreSQL store is backed up by the server's own means, which see every instance's writes.
    static let postgresBackupAdvice =
        "the store is on PostgreSQL: back it up with pg_dump, or the server's point-in-time recovery (docs/operations.md)"

    struct BackupFailed: Error, CustomStringConvertible {
        let description: String
    }
}
