import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// "Hier wil ik over praten": the inwoner marks a leefgebied (here with PRATEN after the intake),
/// the caseload and the inwoner's page show it, and the professional clears it as besproken.
struct WebTalkTests {
    @Test func aMarkIsShownOnTheCaseloadAndThePageUntilTheProfessionalClearsIt() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.annaInwoner
        let service = try ConversationService(database: fixture.database, library: Fixtures.library)
        let later = Fixtures.start.addingTimeInterval(7200)
        _ = try service.handle(Fixtures.message("PRATEN", id: "talk1", phone: WebFixture.phone, at: later))
        let reply = try service.handle(Fixtures.message("3", id: "talk2", phone: WebFixture.phone, at: later.addingTimeInterval(60)))
        #expect(reply.replies.map(\.text) == ["Dank je! Je hulpverlener ziet dat je over Werk en leren wilt praten."])
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            #expect(String(buffer: try await anna.get("/").body).contains("Wil praten over: Werk en leren"))
            let page = String(buffer: try await anna.get("/inwoners/\(id)").body)
            #expect(page.contains("<strong>wil hierover praten</strong> (sinds "))
            #expect(page.contains("action=\"/inwoners/\(id)/praten\""))
            #expect(page.contains("aria-label=\"Besproken: Werk en leren\""))
            #expect(page.components(separatedBy: "wil hierover praten").count - 1 == 1)

            // Another professional cannot clear it: a 404, and the mark stays.
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            #expect(try await bram.post("/inwoners/\(id)/praten", [("leefgebied", "werk")]).status == .notFound)
            #expect(try await fixture.database.read { db in try TalkStore.open(personID: id, in: db) }.count == 1)

            let cleared = try await anna.post("/inwoners/\(id)/praten", [("leefgebied", "werk")])
            #expect(cleared.status == .seeOther)
            #expect(cleared.headers[.location] == "/inwoners/\(id)?melding=besproken#scores")
            #expect(!String(buffer: try await anna.get("/").body).contains("Wil praten over"))
            #expect(!String(buffer: try await anna.get("/inwoners/\(id)").body).contains("wil hierover praten"))
        }
        try await fixture.database.read { db throws in
            #expect(try TalkStore.open(personID: id, in: db).isEmpty)
            #expect(try AuditLog.recent(limit: 20, personID: id, in: db).map(\.event).contains("praten besproken"))
        }
    }
}
