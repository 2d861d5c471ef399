import Foundation
import GRDB
import Testing

@testable import Bot
@testable import Dialog

/// Alerts as the engine raises them: a crisis is stored urgent, every other kind is not.
struct AlertStoreTests {
    @Test func aCrisisAlertFromTheEngineIsStoredUrgent() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', ?)", arguments: [Fixtures.start])
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', '+31612345678')")
            let state = service.engine.newConversation()
            let transition = Transition(
                state: state,
                outputs: [
                    .alert(kind: .contact, node: "q1", detail: "wil bellen"),
                    .alert(kind: .crisis, node: "q2", detail: "signalen van een crisis"),
                    .alert(kind: .stuckQuestion, node: "q3", detail: "")
                ])
            _ = try OutputWriter(
                db: db, personID: 1, channel: "sms", library: Fixtures.library, engine: service.engine,
                service: service, now: Fixtures.start
            ).write(transition, replyTo: nil)
        }
        let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT kind, node, urgent FROM alert ORDER BY id") }
        #expect(rows.map { $0["kind"] as String } == ["contact", "crisis", "stuck_question"])
        #expect(rows.map { $0["urgent"] as Bool } == [false, true, false])
        #expect(rows.map { $0["node"] as String } == ["q1", "q2", "q3"])
    }
}
