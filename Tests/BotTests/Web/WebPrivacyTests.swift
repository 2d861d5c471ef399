import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// The AVG rights in the web view: export, erasure that leaves no trace in the file, and the audit log.
struct WebPrivacyTests {
    @Test func theExportIsTheSameJSONAsTheCommand() async throws {
        let fixture = try WebFixture.make()
        let expected = try await fixture.database.read { db in try PersonExport.document(personID: fixture.annaInwoner, in: db) }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let response = try await anna.get("/inwoners/\(fixture.annaInwoner)/export")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(Data(response.body.readableBytesView) == expected)
        }
        #expect(try fixture.count("audit WHERE event = 'gegevens geëxporteerd' AND personId = \(fixture.annaInwoner)") == 1)
    }

    @Test func erasingNeedsTheConfirmationWord() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let confirm = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)/wissen").body)
            #expect(confirm.contains("Typ WISSEN"))
            for word in ["", "ja", "wis"] {
                let response = try await anna.post("/inwoners/\(fixture.annaInwoner)/wissen", [("bevestig", word)])
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Er is niets gewist"))
            }
        }
        #expect(try fixture.count("person WHERE id = \(fixture.annaInwoner)") == 1)
    }

    @Test func erasingRemovesEveryRowAndThePhoneNumberIsNotInTheFileAnyMore() async throws {
        let fixture = try WebFixture.make(.disk)
        let path = try await fixture.database.read { db in
            try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'")!
        }
        let id = fixture.annaInwoner
        // A network member we message, known only through this inwoner.
        try await fixture.database.write { db in
            let memberID = try Int64.fetchOne(
                db, sql: "SELECT id FROM networkMember WHERE personId = ? ORDER BY id LIMIT 1", arguments: [id])!
            try db.execute(sql: "UPDATE networkMember SET phone = '+31622223333' WHERE id = ?", arguments: [memberID])
            _ = try PersonStore.networkMember(phone: "+31622223333", memberID: memberID, inwonerID: id, at: Fixtures.start, in: db)
        }
        // The phone numbers of this inwoner and of their network members, as stored.
        let phones = try await fixture.database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT phone FROM person WHERE id = ? UNION SELECT phone FROM networkMember WHERE personId = ? AND phone IS NOT NULL",
                arguments: [id, id])
        }
        #expect(phones.count >= 2)
        let outsiders = try fixture.count("person WHERE id != \(id)")
        let bartBefore = try await fixture.database.read { db in try PersonExport.document(personID: fixture.bramInwoner, in: db) }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let response = try await anna.post("/inwoners/\(id)/wissen", [("bevestig", "wissen")])
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("zijn gewist"))
            #expect(try await anna.get("/inwoners/\(id)").status == .notFound)
        }
        for table in [
            "person WHERE id = \(id)", "contact WHERE personId = \(id)", "message WHERE personId = \(id)", "outbox WHERE personId = \(id)",
            "job WHERE personId = \(id)", "answer", "score", "strength", "networkMember", "goal", "action",
            "conversation WHERE personId = \(id)",
            "consent WHERE personId = \(id)", "alert WHERE personId = \(id)", "note"
        ] {
            #expect(try fixture.count(table) == 0, "\(table)")
        }
        // Network members known only through this inwoner are gone; Bart is untouched.
        #expect(try fixture.count("person WHERE id != \(id)") < outsiders)
        #expect(
            try await fixture.database.read { db in try PersonExport.document(personID: fixture.bramInwoner, in: db) } == bartBefore)
        #expect(try fixture.count("audit WHERE event = 'gewist' AND personId = \(id)") == 1)
        // Not in the database file, not in the WAL: secure_delete zeroed the pages, the checkpoint emptied the WAL.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes += wal }
        for phone in phones {
            #expect(bytes.range(of: Data(phone.utf8)) == nil, "\(phone) still in the file")
            #expect(bytes.range(of: Data(phone.dropFirst().utf8)) == nil, "\(phone) (without +) still in the file")
        }
        #expect(bytes.range(of: Data("Een huis zonder schimmel".utf8)) == nil)
        #expect(try await fixture.database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test func aNetworkMemberWhoAlsoHelpsSomeoneElseStays() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.annaInwoner
        let memberPerson = try await fixture.database.write { db -> Int64 in
            let memberID = try Int64.fetchOne(
                db, sql: "SELECT id FROM networkMember WHERE personId = ? AND phone IS NOT NULL", arguments: [id])!
            let person = try PersonStore.networkMember(phone: "+31622223333", memberID: memberID, inwonerID: id, at: Fixtures.start, in: db)
            try db.execute(
                sql:
                    "INSERT INTO networkMember (personId, localId, name, phone, memberPersonId, createdAt) VALUES (?, 'n1', 'Ans', '+31622223333', ?, ?)",
                arguments: [fixture.bramInwoner, person, Fixtures.start])
            try Erasure.erase(personID: id, at: Fixtures.start, in: db)
            return person
        }
        #expect(try fixture.count("person WHERE id = \(memberPerson)") == 1)
        #expect(try fixture.count("person WHERE id = \(id)") == 0)
    }
}
