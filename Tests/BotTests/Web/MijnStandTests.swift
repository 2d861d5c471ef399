import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Waar sta ik: the spiegelbladen and the chart of first and latest scores; rating again and
/// "hier wil ik over praten" reach the professional.
struct MijnStandTests {
    @Test func thePageShowsTheSpiegelbladenAndTheChartWithItsTable() async throws {
        let fixture = try WebFixture.make()
        let scores = try await fixture.database.read { db in try IntakeStore.scores(personID: fixture.annaInwoner, in: db) }
        try #require(!scores.isEmpty)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn/stand").body)
            #expect(page.contains("Deel 1: Verkennen"))
            #expect(page.contains("<svg viewBox"))
            #expect(page.contains("<title id=\"radar-title\">Spinnenweb van de scores</title>"))
            #expect(page.contains("<caption>Mijn cijfers: eerst en nu</caption>"))
            #expect(page.contains("Hier wil ik over praten"))
            #expect(!page.contains("style=\""))
        }
    }

    @Test func aNewScoreIsTheLatestAndSignalsTheProfessional() async throws {
        let fixture = try WebFixture.make()
        let key = try #require(Standing.leefgebieden(in: Fixtures.library).first)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let rated = try await mijn.post("/mijn/stand/cijfer", [("leefgebied", key), ("cijfer", "9")])
            #expect(rated.status == .seeOther)
            #expect(rated.headers[.location] == "/mijn/stand?melding=cijfer#scores")
            let bad = try await mijn.post("/mijn/stand/cijfer", [("leefgebied", "maan"), ("cijfer", "9")])
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("Kies een onderwerp."))
            #expect(try await mijn.post("/mijn/stand/cijfer", [("leefgebied", key), ("cijfer", "11")]).status == .badRequest)
            #expect(try await mijn.post("/mijn/stand/praten", [("leefgebied", key)]).status == .seeOther)
            let page = String(buffer: try await mijn.get("/mijn/stand?melding=praten").body)
            #expect(page.contains("Je hulpverlener ziet dat je hierover wilt praten."))
            #expect(page.contains("Hier wil je over praten"))
        }
        let latest = try await fixture.database.read { db in
            try IntakeStore.scores(personID: fixture.annaInwoner, in: db).last { $0.leefgebied == key }?.score
        }
        #expect(latest == 9)
        #expect(try fixture.count("score WHERE personId = \(fixture.annaInwoner) AND score = 11") == 0)
        #expect(try fixture.count("alert WHERE kind = 'online_cijfer'") == 1)
        let marks = try await fixture.database.read { db in try TalkStore.open(personID: fixture.annaInwoner, in: db) }
        #expect(marks.map(\.leefgebied).contains(key))
    }
}
