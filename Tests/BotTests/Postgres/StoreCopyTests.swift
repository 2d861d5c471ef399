import Foundation
import GRDB
import Testing

@testable import Bot

/// `wegwijzer db copy`: a whole SQLite store into an empty PostgreSQL database, proved by the same
/// rows per table and the same export for every person.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable))
struct StoreCopyTests {
    @Test func aCopyHasEveryRowAndTheSameExportForEveryPersonAndRefusesATargetWithRows() throws {
        try StoreBackend.file.withStore { source in
            let (sam, _) = try StoreContractPrivacyTests.world(source)
            let target = try PostgresTestDatabase.makeStore()
            defer { PostgresTestDatabase.dropStore(target) }

            let summary = try StoreCopy.copy(from: source, to: target)
            let tables = try source.writer.read { db in
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
            }
            #expect(tables.count >= 30)
            #expect(Set(summary.rows.keys) == Set(tables))
            for table in tables {
                let before = try source.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") }
                let after = try target.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") }
                #expect(before == after, "\(table): \(before ?? -1) rows, \(after ?? -1) copied")
                #expect(summary.rows[table] == before)
            }
            #expect((summary.rows["message"] ?? 0) > 80)
            let people = try source.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM person ORDER BY id") }
            #expect(people.count >= 4)
            for person in people {
                let original = try source.read { db in try PersonExport.document(personID: person, in: db) }
                let copied = try target.read { db in try PersonExport.document(personID: person, in: db) }
                #expect(copied == original, "person \(person): the export differs")
            }

            // Identities go on past the largest id copied.
            let next = try target.write { db in
                try ContractSeed.professional("nieuw@wijkteam.example", in: db)
            }
            #expect(next > (try source.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM professional") } ?? 0))

            // A second copy finds rows and changes nothing.
            let refused = #expect(throws: StoreCopy.Refused.self) { try StoreCopy.copy(from: source, to: target) }
            #expect(refused?.description.contains("not empty") == true)
            #expect(try target.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") } == summary.rows["message"])
            #expect(try target.read { db in try PersonStore.profile(personID: sam, in: db) } != nil)
        }
    }
}
