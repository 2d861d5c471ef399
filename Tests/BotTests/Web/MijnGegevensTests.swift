import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Mijn mensen and Mijn gegevens: the network with the steps each person takes part in; the
/// inwoner's own AVG rights.
struct MijnGegevensTests {
    @Test func theInwonerDownloadsEverythingStoredAboutThemAndNothingOfAnyoneElse() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let response = try await mijn.get("/mijn/gegevens/export")
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"mijn-wegwijzer.json\"")
            let expected = try await fixture.database.read { db in try PersonExport.document(personID: fixture.annaInwoner, in: db) }
            #expect(String(buffer: response.body) == String(decoding: expected, as: UTF8.self))
            #expect(!String(buffer: response.body).contains(WebFixture.otherPhone))
        }
        #expect(try fixture.count("audit WHERE event = 'inwoner: gegevens gedownload' AND personId = \(fixture.annaInwoner)") == 1)
    }

    @Test func askingForErasureSignalsTheProfessionalWhoDecides() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let unsure = try await mijn.post("/mijn/gegevens/wissen", [])
            #expect(unsure.status == .badRequest)
            #expect(String(buffer: unsure.body).contains("Zet eerst een vinkje"))
            #expect(try await mijn.post("/mijn/gegevens/wissen", [("zeker", "ja")]).status == .seeOther)
            #expect(try await mijn.post("/mijn/gegevens/wissen", [("zeker", "ja")]).status == .seeOther)
            let page = String(buffer: try await mijn.get("/mijn/gegevens?melding=wissen").body)
            #expect(page.contains("Je vraag is bij je hulpverlener. Die beslist en laat het je weten."))
            #expect(page.contains("Je hebt gevraagd om je gegevens te wissen."))
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            #expect(String(buffer: try await anna.get("/signalen").body).contains("De inwoner vraagt om wissen van de gegevens"))
        }
        // Nothing is erased: the professional decides. One request, however often asked.
        #expect(try fixture.count("person WHERE id = \(fixture.annaInwoner)") == 1)
        #expect(try fixture.count("alert WHERE kind = 'wissen_gevraagd'") == 1)
    }

    @Test func eachConsentIsShownWithItsWordsAndOneGivenCanBeWithdrawn() async throws {
        let fixture = try WebFixture.make()
        let granted = try await fixture.database.write { db -> ConsentStore.Standing in
            try ConsentStore.add(
                ConsentStore.Consent(
                    personID: fixture.annaInwoner, purpose: "omgeving", granted: true, subject: "og-1", textKey: "m1.omgeving.telefoon",
                    textShown: "Mogen we Ans vragen hoe zij het ziet?", flowVersion: "levenskracht@1", channel: "sms"),
                at: Fixtures.start, in: db)
            return try #require(try ConsentStore.standing(personID: fixture.annaInwoner, in: db).last)
        }
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn/gegevens").body)
            #expect(page.contains("Iemand vragen hoe die jou ziet"))
            #expect(page.contains("Mogen we Ans vragen hoe zij het ziet?"))
            // Taking part is withdrawn with STOP in the chat, which the page says.
            #expect(page.contains("Stuur STOP in het gesprek"))
            #expect(try await mijn.post("/mijn/gegevens/toestemming", [("doel", "deelname")]).status == .badRequest)
            #expect(try await mijn.post("/mijn/gegevens/toestemming", [("doel", "omgeving"), ("over", "og-2")]).status == .notFound)
            let withdrawn = try await mijn.post("/mijn/gegevens/toestemming", [("doel", granted.purpose), ("over", granted.subject ?? "")])
            #expect(withdrawn.headers[.location] == "/mijn/gegevens?melding=ingetrokken")
            // Withdrawn once: a second time there is nothing to withdraw.
            #expect(try await mijn.post("/mijn/gegevens/toestemming", [("doel", "omgeving"), ("over", "og-1")]).status == .notFound)
        }
        let now = try await fixture.database.read { db in
            try ConsentStore.standing(personID: fixture.annaInwoner, in: db).first { $0.purpose == "omgeving" && $0.subject == "og-1" }
        }
        #expect(now?.granted == false)
        #expect(now?.textShown.contains("Je trok je toestemming in") == true)
        #expect(try fixture.count("alert WHERE kind = 'toestemming_ingetrokken' AND detail = 'omgeving'") == 1)
    }

    @Test func myPeopleShowsTheNetworkAndTheStepsEachTakesPartIn() async throws {
        let fixture = try WebFixture.make()
        let members = try await fixture.database.read { db in try NetworkStore.members(inwonerID: fixture.annaInwoner, in: db) }
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn/mensen").body)
            #expect(page.contains("<h1>Mijn mensen</h1>"))
            for member in members { #expect(page.contains(member.name)) }
            if members.isEmpty { #expect(page.contains("Je hebt nog niemand genoemd")) }
            // No phone number of anyone is shown to the inwoner's browser.
            for member in members { if let phone = member.phone { #expect(!page.contains(phone)) } }
        }
    }
}
