import Dialog
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// "Samen invullen": the professional runs the inwoner's conversation with the inwoner beside them.
/// Bram's inwoner Bart was only enrolled, so the conversation starts at its first question.
struct WebSamenTests {
    static func samen(_ id: Int64) -> String { "/inwoners/\(id)/samen" }

    /// The one-time message id of the page's chat form.
    static func messageID(_ page: TestResponse) throws -> String {
        try #require(WebSession.hidden("bericht", in: String(buffer: page.body)))
    }

    static func professional(_ email: String, _ fixture: WebFixture) throws -> Int64 {
        try #require(
            try fixture.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM professional WHERE email = ?", arguments: [email])
            })
    }

    @Test func theProfessionalRunsTwoStepsTogetherAndEachIsMarkedAsSuch() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.bramInwoner
        let bram = try Self.professional(WebFixture.bram, fixture)
        // The enrolment's first messages still wait for the dispatcher.
        #expect(try fixture.count("outbox WHERE personId = \(id) AND status = 'pending'") > 0)
        try await fixture.app().test(.router) { client in
            let session = try await WebSession.login(client, email: WebFixture.bram)
            let inwonerPage = String(buffer: try await session.get("/inwoners/\(id)").body)
            #expect(inwonerPage.contains("href=\"/inwoners/\(id)/samen\">Samen invullen</a>"))

            let first = try await session.get(Self.samen(id))
            #expect(first.status == .ok)
            let html = String(buffer: first.body)
            #expect(html.contains("<h1>Samen invullen met Bart</h1>"))
            #expect(html.contains("id=\"chat-vraag\"><span class=\"meta\">"))
            #expect(html.contains("Wil je meedoen? Antwoord ja of nee."))
            #expect(html.contains("action=\"/inwoners/\(id)/samen\""))
            #expect(html.contains("<label for=\"antwoord\">Jouw antwoord</label>"))
            #expect(html.contains("<label for=\"notitie\">Notitie bij deze stap"))
            #expect(!html.contains("<script"))

            let step1 = try await session.post(
                Self.samen(id), [("antwoord", "ja"), ("bericht", try Self.messageID(first)), ("notitie", "Bart wil graag beginnen")])
            #expect(step1.status == .seeOther)
            #expect(step1.headers[.location] == "/inwoners/\(id)/samen?melding=notitie#antwoord")
            let second = try await session.get(step1.headers[.location]!.components(separatedBy: "#")[0])
            let secondHTML = String(buffer: second.body)
            #expect(secondHTML.contains("De notitie bij deze stap is opgeslagen."))
            #expect(secondHTML.contains("Over welke onderwerpen wil je praten?"))
            #expect(secondHTML.contains("Jij · samen ingevuld"))
            #expect(try Self.messageID(second) != (try Self.messageID(first)))

            let step2 = try await session.post(Self.samen(id), [("antwoord", "1 en 2"), ("bericht", try Self.messageID(second))])
            #expect(step2.headers[.location] == "/inwoners/\(id)/samen#antwoord")
            #expect(String(buffer: try await session.get(Self.samen(id)).body).contains("Geld: genoeg geld"))
            // The inwoner's page shows the answers as given together.
            #expect(String(buffer: try await session.get("/inwoners/\(id)").body).contains("Inwoner, samen ingevuld"))
        }
        try await fixture.database.read { db throws in
            let rows = try Row.fetchAll(
                db, sql: "SELECT channel, via, professionalId, text FROM message WHERE personId = ? AND direction = 'in' ORDER BY id",
                arguments: [id])
            #expect(rows.map { $0["text"] as String } == ["ja", "1 en 2"])
            #expect(rows.allSatisfy { $0["channel"] == "web" && $0["via"] == "samen" && $0["professionalId"] == bram })
            #expect(
                try String.fetchAll(db, sql: "SELECT key FROM answer WHERE personId = ? ORDER BY id", arguments: [id]) == [
                    "toestemming.deelname", "gekozen"
                ])
            let audit = try AuditLog.recent(limit: 50, personID: id, in: db).filter { $0.event == "samen ingevuld" }
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { $0.email == WebFixture.bram })
            #expect(try NoteStore.byProfessionals(personID: id, in: db).map(\.text) == ["Bart wil graag beginnen"])
            // The replies were shown on the page: nothing for the web in the outbox, no web contact,
            // and SMS stays the way to reach Bart.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE channel = 'web'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact WHERE channel = 'web'") == 0)
            #expect(try PersonStore.primaryContact(personID: id, in: db)?.channel == "sms")
            // The enrolment's messages the page showed are not sent by SMS any more.
            #expect(try OutboxStore.pending(channel: "sms", personID: id, in: db).isEmpty)
        }
    }

    @Test func aDoubleSubmitOfTheSameFormAppliesOnce() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.bramInwoner
        try await fixture.app().test(.router) { client in
            let session = try await WebSession.login(client, email: WebFixture.bram)
            let messageID = try Self.messageID(try await session.get(Self.samen(id)))
            let fields = [("antwoord", "ja"), ("bericht", messageID), ("notitie", "Eén keer")]
            let first = try await session.post(Self.samen(id), fields)
            let second = try await session.post(Self.samen(id), fields)
            #expect(first.status == .seeOther && second.status == .seeOther)
        }
        try await fixture.database.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE personId = ? AND direction = 'in'", arguments: [id]) == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer WHERE personId = ?", arguments: [id]) == 1)
            #expect(try NoteStore.byProfessionals(personID: id, in: db).count == 1)
            #expect(try AuditLog.recent(limit: 50, personID: id, in: db).filter { $0.event == "samen ingevuld" }.count == 1)
        }
    }

    @Test func anEmptyTooLongOrFormlessAnswerIsShownAgainWithWhyAndNothingIsStored() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.bramInwoner
        let messagesBefore = try fixture.count("message WHERE personId = \(id)")
        try await fixture.app().test(.router) { client in
            let session = try await WebSession.login(client, email: WebFixture.bram)
            let messageID = try Self.messageID(try await session.get(Self.samen(id)))
            let empty = try await session.post(
                Self.samen(id), [("antwoord", "  "), ("bericht", messageID), ("notitie", "Bewaard in het veld")])
            #expect(empty.status == .badRequest)
            let emptyHTML = String(buffer: empty.body)
            #expect(emptyHTML.contains("role=\"alert\">Je hebt nog niets getypt."))
            #expect(emptyHTML.contains("aria-invalid=\"true\""))
            #expect(emptyHTML.contains(">Bewaard in het veld</textarea>"))
            #expect(emptyHTML.contains("Wil je meedoen?"))

            let long = String(repeating: "a", count: PayloadLimits.maxTextScalars + 1)
            let tooLong = try await session.post(Self.samen(id), [("antwoord", long), ("bericht", messageID)])
            #expect(tooLong.status == .badRequest)
            #expect(String(buffer: tooLong.body).contains("Je antwoord is te lang."))

            let formless = try await session.post(Self.samen(id), [("antwoord", "ja")])
            #expect(formless.status == .badRequest)
            #expect(String(buffer: formless.body).contains("Dit formulier is verlopen."))
            let madeUp = try await session.post(Self.samen(id), [("antwoord", "ja"), ("bericht", "<script>")])
            #expect(madeUp.status == .badRequest)

            let longNote = try await session.post(
                Self.samen(id), [("antwoord", "ja"), ("bericht", messageID), ("notitie", String(repeating: "n", count: 4001))])
            #expect(longNote.status == .badRequest)
        }
        #expect(try fixture.count("message WHERE personId = \(id)") == messagesBefore)
        #expect(try fixture.count("answer WHERE personId = \(id)") == 0)
        #expect(try fixture.count("note") == 0)
    }

    @Test func aPostWithoutOrWithAWrongCSRFTokenIsRefused() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.bramInwoner
        try await fixture.app().test(.router) { client in
            let session = try await WebSession.login(client, email: WebFixture.bram)
            let messageID = try Self.messageID(try await session.get(Self.samen(id)))
            for token in ["", "wrong-token", String(session.csrf.dropLast()) + "x"] {
                let response = try await session.post(Self.samen(id), [("antwoord", "ja"), ("bericht", messageID)], csrf: token)
                #expect(response.status == .forbidden)
            }
            var headers = WebSession.form
            headers[.cookie] = session.cookie
            let without = try await client.execute(
                uri: Self.samen(id), method: .post, headers: headers,
                body: ByteBuffer(string: WebSession.formBody([("antwoord", "ja"), ("bericht", messageID)])))
            #expect(without.status == .forbidden)
        }
        #expect(try fixture.count("message WHERE personId = \(id) AND direction = 'in'") == 0)
        #expect(try fixture.count("audit WHERE event = 'samen ingevuld'") == 0)
    }

    @Test func anotherProfessionalGetsA404AndChangesNothing() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.bramInwoner
        try await fixture.app().test(.router) { client in
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            let messageID = try Self.messageID(try await bram.get(Self.samen(id)))
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = try await anna.get(Self.samen(id))
            #expect(page.status == .notFound)
            #expect(!String(buffer: page.body).contains("Wil je meedoen?"))
            #expect(try await anna.post(Self.samen(id), [("antwoord", "ja"), ("bericht", messageID)]).status == .notFound)
            // Refused before the answer is looked at: an empty one is a 404 too, not a 400.
            #expect(try await anna.post(Self.samen(id), [("antwoord", ""), ("bericht", messageID)]).status == .notFound)
        }
        #expect(try fixture.count("message WHERE personId = \(fixture.bramInwoner) AND direction = 'in'") == 0)
        #expect(try fixture.count("note") == 0)
    }

    @Test func theChatsOwnWordsAreInTheInwonersLanguage() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.bramInwoner
        try await fixture.database.write { db in try PersonStore.setLanguage(.en, personID: id, in: db) }
        try await fixture.app().test(.router) { client in
            let session = try await WebSession.login(client, email: WebFixture.bram)
            let html = String(buffer: try await session.get(Self.samen(id)).body)
            #expect(html.contains("<section class=\"chat\" id=\"gesprek\" lang=\"en\""))
            #expect(html.contains("<label for=\"antwoord\">Your answer</label>"))
            #expect(html.contains("<button type=\"submit\">Send</button>"))
            // The professional's own words around it stay Dutch.
            #expect(html.contains("<h1>Samen invullen met Bart</h1>"))
        }
    }
}
