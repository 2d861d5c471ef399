import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// After the intake the conversation stays open: the plan as messages, an action marked done by
/// its number, a request for contact, and a crisis answered at once at any hour.
struct AfterIntakeTests {
    /// The full intake (which ends with PLAN), then the messages given, a minute apart.
    static func afterIntake(_ messages: [String], at start: Date = Fixtures.start) throws
        -> (AppDatabase, [ConversationService.Result])
    {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        for (n, line) in Fixtures.intake.enumerated() {
            _ = try service.handle(Fixtures.message(line, id: "SM\(n)", at: start.addingTimeInterval(Double(n) * 60)))
        }
        let later = start.addingTimeInterval(3600)
        let results = try messages.enumerated().map { n, line in
            try service.handle(Fixtures.message(line, id: "after\(n)", at: later.addingTimeInterval(Double(n) * 60)))
        }
        return (database, results)
    }

    @Test func planComesAsMessagesWithinThreeSegmentsEach() throws {
        let (_, results) = try Self.afterIntake(["PLAN"])
        let replies = results[0].replies.map(\.text)
        #expect(replies.first?.hasPrefix("Ondersteuningsplan") == true)
        #expect(replies.joined(separator: "\n").contains("Stap 2: Ans vragen mee te gaan. Wie: Ans"))
        #expect(replies.last == Fixtures.library.catalog.text("plan.hint", .nl))
        for reply in replies {
            #expect(SMSSegments.analyze(SMSText.gsm7Safe(reply)).segments <= 3, "\(reply)")
        }
    }

    @Test func klaarMarksTheNumberedActionDone() throws {
        let (database, results) = try Self.afterIntake(["KLAAR 2", "KLAAR 2", "klaar 9"])
        #expect(results[0].replies.map(\.text) == ["Goed gedaan! Stap 2 is klaar: Ans vragen mee te gaan."])
        #expect(results[1].replies.map(\.text) == ["Stap 2 was al afgesloten: Ans vragen mee te gaan."])
        #expect(results[2].replies.first?.text.hasPrefix("Ik vind geen stap 9") == true)
        let statuses = try database.read { db in try String.fetchAll(db, sql: "SELECT status FROM action ORDER BY id") }
        #expect(statuses == ["gepland", "gedaan"])
        // Done means no more reminders for it.
        let pending = try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM job j JOIN action a ON a.id = j.actionId
                    WHERE a.what = 'Ans vragen mee te gaan' AND j.status = 'pending' AND j.kind IN ('reminder', 'member_reminder')
                    """) ?? -1
        }
        #expect(pending == 0)
    }

    @Test func everyStoredConsentTextIsTheTextAsShown() throws {
        let (database, _) = try Self.afterIntake([])
        let texts = try database.read { db in try String.fetchAll(db, sql: "SELECT textShown FROM consent") }
        #expect(texts.count >= 2)
        #expect(texts.allSatisfy { !$0.contains("{") && !$0.isEmpty }, "\(texts)")
        #expect(texts.contains { $0.hasPrefix("Mag Ans een herinnering krijgen over deze stap?") })
    }

    @Test func helpAfterTheIntakeAsksTheProfessionalForContact() throws {
        let (database, results) = try Self.afterIntake(["HULP", "CONTACT", "hoi"])
        #expect(results[0].replies.first?.text.hasPrefix("Je hulpverlener krijgt bericht") == true)
        #expect(results[2].replies.first?.text.hasPrefix("Wat wil je doen?") == true)
        let alerts = try database.read { db in try String.fetchAll(db, sql: "SELECT kind FROM alert WHERE kind = 'contact'") }
        #expect(alerts.count == 2)
    }

    @Test func aCrisisAtNightIsAnsweredAtOnceAndIsUrgent() throws {
        let night = ISO8601DateFormatter().date(from: "2026-11-23T02:00:00+01:00")!
        let (database, results) = try Self.afterIntake(["ik wil er niet meer zijn"], at: night)
        let reply = try #require(results[0].replies.first)
        #expect(reply.text.contains("0800-0113"))
        #expect(reply.text.contains("112"))
        let stored = try database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT a.kind, a.urgent, m.replyTo IS NOT NULL AS isReply, o.status FROM alert a, message m JOIN outbox o ON o.messageId = m.id
                    WHERE a.kind = 'crisis' AND m.text = ?
                    """, arguments: [reply.text])
        }
        let row = try #require(stored)
        #expect(row["urgent"] as Bool == true)
        // A reply to the inwoner's own message: it is not held back until the send window opens.
        #expect(row["isReply"] as Bool == true)
        #expect(row["status"] as String == "pending")
    }
}

/// The inwoner gives their own number where the intake asks for someone else's.
struct OwnNumberTests {
    @Test func theIntakeReadsTheInwonersOwnNumberBackAsASlipAndTakesTheRightOne() throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        let intake = Fixtures.intake
        let at = try #require(intake.firstIndex(of: "06 23456789"))
        for (n, line) in intake[..<at].enumerated() { _ = try service.handle(Fixtures.message(line, id: "I\(n)")) }
        // Fixtures.message writes from +31612345678.
        let slip = try service.handle(Fixtures.message("06 12345678", id: "own")).replies.map(\.text)
        #expect(slip.first?.hasPrefix("Dat is je eigen nummer.") == true)
        let right = try service.handle(Fixtures.message("06 23456789", id: "right")).replies.map(\.text)
        #expect(right.first?.hasPrefix("Met welke naam mogen we je noemen") == true)
        let phones = try service.database.read { db in
            try String.fetchAll(db, sql: "SELECT phone FROM networkMember WHERE phone IS NOT NULL")
        }
        #expect(phones == ["+31623456789"])
    }
}
