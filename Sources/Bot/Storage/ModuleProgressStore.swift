import Foundation
import GRDB

/// When an inwoner started and completed each module. Idempotent per person and module: a module
/// started twice keeps its first start; completed again, its latest completion.
enum ModuleProgressStore {
    static func started(_ module: String, personID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO moduleProgress (personId, module, startedAt) VALUES (?, ?, ?)
                ON CONFLICT (personId, module) DO NOTHING
                """
        ).execute(arguments: [personID, module, SQLDate(now)])
    }

    static func completed(_ module: String, personID: Int64, at now: Date, in db: any SQLConnection) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO moduleProgress (personId, module, startedAt, completedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (personId, module) DO UPDATE SET completedAt = excluded.completedAt
                """
        ).execute(arguments: [personID, module, SQLDate(now), SQLDate(now)])
    }
}
