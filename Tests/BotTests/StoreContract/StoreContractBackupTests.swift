import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// A copy of the whole store (`AppDatabase.backup`), as a store of its own: a SQLite file. On
/// PostgreSQL the server's own backups do it, and `backup` says so.
struct StoreContractBackupTests {
    @Test(arguments: StoreBackend.allCases.filter { !$0.isSQLite })
    func aBackupOfAServerStorePointsToTheServersOwnBackups(_ backend: StoreBackend) throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("copy.sqlite").path
        try backend.withStore { database in
            let error = #expect(throws: AppDatabase.BackupFailed.self) { try database.backup(to: path) }
            #expect(error?.description.contains("pg_dump") == true)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test(arguments: StoreBackend.allCases.filter(\.isSQLite))
    func aBackupIsTheWholeStoreAndRefusesToOverwrite(_ backend: StoreBackend) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("copy.sqlite").path
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            let sam = StoreContractInboundTests.personID(try service.handle(Fixtures.message("hoi", id: "SM1", phone: "+31611111111")))
            _ = try service.handle(Fixtures.message("ja", id: "SM2", phone: "+31611111111"))
            try database.write { db in
                _ = try ContractSeed.member(of: sam, name: "Ans", phone: "+31622222222", invitation: .accepted, in: db)
            }
            let summary = try database.backup(to: path)
            let original = try database.read { db in try PersonExport.document(personID: sam, in: db) }
            #expect(summary.inwoners == 1)
            #expect(
                summary.messages
                    == (try database.read { db in try MessageStore.transcript(personID: sam, limit: 100, in: db) }.count))
            // A second backup to the same file is refused and leaves the copy as it was.
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            try database.write { db in try NoteStore.addFromChat(personID: sam, text: "Na de kopie", at: ContractSeed.now, in: db) }
            #expect(throws: (any Error).self) { try database.backup(to: path) }
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
            // The copy is a store in its own right, with the same rows as the original had.
            let copy = try AppDatabase.open(path: path)
            defer { try? (copy.writer as? DatabasePool)?.close() }
            #expect(try copy.read { db in try PersonExport.document(personID: sam, in: db) } == original)
            #expect(try copy.read { db in try NoteStore.fromChat(personID: sam, in: db) }.isEmpty)
            try database.write { db in try Erasure.erase(personID: sam, at: ContractSeed.now, in: db) }
            #expect(try copy.read { db in try PersonStore.id(phone: "+31611111111", in: db) } == sam)
            #expect(try copy.read { db in try NetworkStore.members(inwonerID: sam, in: db) }.map(\.name) == ["Ans"])
        }
    }
}
