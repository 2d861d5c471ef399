import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// A flow that an inbound message starts for its sender answers that message: on an inline-reply
/// channel (TwiML, the JSON gateway) its messages travel in the same response.
struct InlineReplyTests {
    static let carer = "+31611112222"
    static let start = ISO8601DateFormatter().date(from: "2026-11-23T10:00:00+01:00")!

    /// Inwoner Sam (1) named mantelzorger Els (2), who was invited to check-ins.
    static func invitedCarer() throws -> ConversationService {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try service.database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', '+31612345678', 'Sam', ?)", arguments: [start])
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', '+31612345678')")
            try db.execute(
                sql: """
                    INSERT INTO mantelzorg (personId, localId, direction, name, phone, checkin, createdAt)
                    VALUES (1, 'mz', 'ontvangt', 'Els', ?, 1, ?)
                    """, arguments: [carer, start])
            let carers = CarerCheckins(service: service, db: db, now: start)
            try carers.invite(carerLinkID: 1)
            _ = try carers.runInvite(carerID: 2, run: "t")
        }
        return service
    }

    static func inline(_ text: String, id: String, at minutes: Double, _ service: ConversationService) throws -> [OutgoingMessage] {
        let message = InboundMessage(
            channel: "sms", address: carer, phone: carer, providerID: id, text: text,
            receivedAt: start.addingTimeInterval(minutes * 60))
        return try service.database.write { db in try service.apply(message, in: db, inline: true).replies }
    }

    @Test func aHighQuickScoreGetsTheThanksTheIntroAndTheFirstQuestionInOneReply() throws {
        let service = try Self.invitedCarer()
        let consent = try Self.inline("ja", id: "E1", at: 1, service)
        // Her yes starts the first check-in: its question comes with the reply too.
        #expect(
            consent.map(\.text) == [
                "Dank je! We vragen het je af en toe. Stuur STOP als je wilt stoppen.",
                "Hoe zwaar is de zorg nu? 0 = niet zwaar, 10 = veel te zwaar."
            ])
        let replies = try Self.inline("8", id: "E2", at: 2, service)
        #expect(replies.count == 3)
        #expect(replies.first?.text == "Dank je voor je antwoord.")
        #expect(replies.dropFirst().first?.text.hasPrefix("Ik stel je 13 korte vragen over de zorg.") == true)
        #expect(replies.last?.text.hasPrefix("Vraag 1 van 13") == true)
        #expect(replies.allSatisfy { $0.address == Self.carer && $0.personID == 2 && $0.outboxID == 0 })
        try service.database.read { db in
            // Stored as replies to the message, sent with it: nothing waits in the outbox.
            #expect(
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox o JOIN message m ON m.id = o.messageId WHERE m.replyTo IS NOT NULL")
                    == 0)
            let inbound = try Int64.fetchOne(db, sql: "SELECT id FROM message WHERE providerId = 'E2'")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE replyTo = ?", arguments: [inbound]) == 3)
        }
        // A redelivery of the same message gets the same three replies, and nothing is applied twice.
        let again = try Self.inline("8", id: "E2", at: 3, service)
        #expect(again.map(\.text) == replies.map(\.text))
    }

    @Test func theQuestionnaireDoneGetsItsResultInTheReply() throws {
        let service = try Self.invitedCarer()
        _ = try Self.inline("ja", id: "E1", at: 1, service)
        _ = try Self.inline("3", id: "E2", at: 2, service)
        var last: [OutgoingMessage] = []
        for n in 0..<13 { last = try Self.inline("nee", id: "Q\(n)", at: Double(3 + n), service) }
        #expect(last.map(\.text).contains { $0.hasPrefix("Fijn dat je dit wilde invullen.") })
        #expect(last.allSatisfy { $0.outboxID == 0 })
    }

    /// Not inline (a webhook whose replies go through the outbox): the same messages, queued.
    @Test func notInlineTheyAreQueuedAsReplies() throws {
        let service = try Self.invitedCarer()
        _ = try service.handle(
            InboundMessage(
                channel: "sms", address: Self.carer, phone: Self.carer, providerID: "E1", text: "ja",
                receivedAt: Self.start.addingTimeInterval(60)))
        let replies = try service.handle(
            InboundMessage(
                channel: "sms", address: Self.carer, phone: Self.carer, providerID: "E2", text: "8",
                receivedAt: Self.start.addingTimeInterval(120))
        ).replies
        #expect(replies.count == 3)
        #expect(replies.allSatisfy { $0.outboxID > 0 })
    }
}
