import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// The inwoner's own web chat (`/mijn/gesprek`) and the plan they print (`/mijn/printen`).
struct MijnGesprekTests {
    /// Bart was only enrolled: the intake's first question is waiting for him on SMS.
    static func answerInBrowser(_ mijn: MijnSession, _ text: String) async throws -> TestResponse {
        let page = String(buffer: try await mijn.get("/mijn/gesprek").body)
        let id = try #require(WebSession.hidden("bericht", in: page))
        return try await mijn.post("/mijn/gesprek", [("antwoord", text), ("bericht", id)])
    }

    @Test func oneConversationMovesFromSMSToTheBrowserAndBackWithNoQuestionAskedTwice() async throws {
        let answers = Array(Fixtures.intake.prefix(3))
        // The same three answers all by SMS, as the reference.
        let reference = try WebFixture.make()
        let service = try ConversationService(database: reference.database, library: Fixtures.library)
        for (n, text) in answers.enumerated() {
            _ = try service.handle(Fixtures.message(text, id: "REF\(n)", phone: WebFixture.otherPhone))
        }
        // SMS, then the browser, then SMS again.
        let fixture = try WebFixture.make()
        let mixed = try ConversationService(database: fixture.database, library: Fixtures.library)
        _ = try mixed.handle(Fixtures.message(answers[0], id: "MIX0", phone: WebFixture.otherPhone))
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.otherPhone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn/gesprek").body)
            #expect(page.contains("<h1>Gesprek</h1>") || page.contains("<h1>"))
            let id = try #require(WebSession.hidden("bericht", in: page))
            let answered = try await mijn.post("/mijn/gesprek", [("antwoord", answers[1]), ("bericht", id)])
            #expect(answered.status == .seeOther)
            // A double submit of the same form applies once.
            #expect(try await mijn.post("/mijn/gesprek", [("antwoord", answers[1]), ("bericht", id)]).status == .seeOther)
            let empty = try await Self.answerInBrowser(mijn, "  ")
            #expect(empty.status == .badRequest)
        }
        _ = try mixed.handle(Fixtures.message(answers[2], id: "MIX2", phone: WebFixture.otherPhone))

        func conversation(_ fixture: WebFixture) throws -> (state: String?, answers: [String]) {
            try fixture.database.read { db in
                (
                    try String.fetchOne(db, sql: "SELECT state FROM conversation WHERE personId = ?", arguments: [fixture.bramInwoner]),
                    try String.fetchAll(
                        db, sql: "SELECT text FROM message WHERE personId = ? AND direction = 'in' ORDER BY id",
                        arguments: [fixture.bramInwoner])
                )
            }
        }
        let (mixedState, mixedAnswers) = try conversation(fixture)
        let (referenceState, referenceAnswers) = try conversation(reference)
        #expect(mixedAnswers == referenceAnswers)
        #expect(mixedState != nil && mixedState == referenceState)
        #expect(try fixture.count("message WHERE personId = \(fixture.bramInwoner) AND direction = 'in' AND channel = 'web'") == 1)
        #expect(try fixture.count("outbox WHERE channel = 'web'") == 0)
        // Every question that went (or goes) to the phone went once.
        let sent = try await fixture.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT m.text FROM message m JOIN outbox o ON o.messageId = m.id
                    WHERE m.personId = ? AND o.status != 'failed' ORDER BY m.id
                    """, arguments: [fixture.bramInwoner])
        }
        #expect(Set(sent).count == sent.count, "\(sent)")
    }

    @Test func theInwonerPrintsTheirPlanForTheFridge() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn/printen").body)
            #expect(page.contains("class=\"fridge\""))
            #expect(page.contains("href=\"/mijn\""))
            #expect(page.contains("/mijn/uitloggen"))
            #expect(!page.contains("/inwoners/"))
        }
    }
}
