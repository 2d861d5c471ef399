import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// The omgeving's own view through the whole Bot: the invitation from the intake starts the
/// invited person's own conversation, their answers are stored and shown beside the inwoner's,
/// the inwoner decides whether the professional sees them, and a no is final.
struct OmgevingTests {
    static let ans = "+31687654321"

    /// Sam rates Geld 8 and Wonen 3, invites Ans and says whether the professional may see it;
    /// at 10:05 the invitation goes out.
    static func invited(share: Bool) async throws -> (service: ConversationService, sam: Int64) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let intake = [
            "hoi", "ja", "1 en 2", "8", "3", "2", "weet ik niet", "weet ik niet", "weet ik niet", "weet ik niet", "ja",
            "mijn zus Ans", "0687654321", "Sam", share ? "ja" : "nee"
        ]
        for (n, line) in intake.enumerated() { _ = try service.handle(Fixtures.message(line, id: "S\(n)")) }
        let sam = try #require(try await database.read { db in try PersonStore.id(phone: Fixtures.message("").address, in: db) })
        let queued = try await JobRunner(service: service).runDue(at: Fixtures.start.addingTimeInterval(300))
        #expect(queued.map(\.address) == [Self.ans])
        #expect(queued.first?.text.hasPrefix("Hallo Ans, dit is Wegwijzer van het wijkteam. Sam wil graag weten hoe jij het ziet.") == true)
        return (service, sam)
    }

    /// Ans answers: Geld 4 (Sam gave 8: a difference to talk about), Wonen 4 (Sam gave 3).
    static func answer(_ service: ConversationService, _ lines: [String]) throws -> [String] {
        var replies: [String] = []
        for (n, line) in lines.enumerated() {
            replies += try service.handle(
                Fixtures.message(line, id: "A\(n)", phone: Self.ans, at: Fixtures.start.addingTimeInterval(600 + Double(n) * 60))
            ).replies.map(\.text)
        }
        return replies
    }

    static let view = ["ja", "4", "4", "Ze is heel zorgzaam", "Ik kan mee naar de corporatie"]

    @Test func theInvitedPersonsAnswersAreStoredAndShownBesideTheInwonersWithTheDifferencesMarked() async throws {
        let (service, sam) = try await Self.invited(share: true)
        let replies = try Self.answer(service, Self.view)
        #expect(replies.last == "Dank je wel, Ans! Sam hoort dat je het gedaan hebt. Je krijgt geen vragen meer.")
        let comparisons = try await service.database.read { db in try Wegwijzer.Spiegel.sharedViews(inwonerID: sam, in: db) }
        let comparison = try #require(comparisons.first)
        #expect(
            comparison.rows == [
                .init(leefgebied: "geld", own: 8, other: 4, talkAbout: true),
                .init(leefgebied: "wonen", own: 3, other: 4, talkAbout: false)
            ])
        #expect(comparison.view.strengths == "Ze is heel zorgzaam")
        #expect(comparison.view.offer == "Ik kan mee naar de corporatie")
        let spiegel = Renderer(catalog: Fixtures.library.catalog, language: .nl).render("spiegel.omgeving", vars: comparison.textVars)
        #expect(spiegel.contains("Geld: jij 8, Ans 4 (om over te praten)\nWonen: jij 3, Ans 4\n"))
        // Sam hears it once, not while answering the intake: an hour after their last message.
        let runner = JobRunner(service: service)
        #expect(try await runner.runDue(at: Fixtures.start.addingTimeInterval(1200)).isEmpty)
        let told = try await runner.runDue(at: Fixtures.start.addingTimeInterval(3 * 3600))
        #expect(
            told.map(\.text) == [
                "Ans heeft ook verteld hoe hij of zij het ziet. Dank je dat je het vroeg. Je hulpverlener bespreekt het met je."
            ])
        #expect(try await runner.runDue(at: Fixtures.start.addingTimeInterval(6 * 3600)).isEmpty)
    }

    @Test func theProfessionalSeesBothViewsAndMakesTheOfferAnActionOfTheMember() async throws {
        let (service, sam) = try await Self.invited(share: true)
        _ = try Self.answer(service, Self.view)
        let fixture = try Self.web(service, inwoner: sam)
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(sam)").body)
            #expect(page.contains("<th scope=\"row\">Geld</th><td>8</td><td>4</td><td><strong>om over te praten</strong></td>"))
            #expect(page.contains("<th scope=\"row\">Wonen</th><td>3</td><td>4</td><td></td>"))
            #expect(page.contains("<dd>Ze is heel zorgzaam</dd>"))
            #expect(page.contains("Maak hiervan een actie"))
            let member = try #require(WebSession.hidden("wie", in: page))
            let made = try await anna.post(
                "/inwoners/\(sam)/acties",
                [("wat", "Ik kan mee naar de corporatie"), ("wie", member), ("doel", "nieuw"), ("nieuw_doel", "Een droog huis")])
            #expect(made.status == .seeOther)
            #expect(
                try fixture.count(
                    "action a JOIN networkMember n ON n.id = a.networkMemberId WHERE n.name = 'Ans' AND a.ownerKind = 'netwerk'") == 1)
        }
    }

    @Test func whatTheInwonerDoesNotShareTheProfessionalDoesNotSee() async throws {
        let (service, sam) = try await Self.invited(share: false)
        _ = try Self.answer(service, Self.view)
        let fixture = try Self.web(service, inwoner: sam)
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(sam)").body)
            #expect(page.contains("heeft geantwoord op"))
            #expect(page.contains("De inwoner deelt dit antwoord niet."))
            #expect(!page.contains("Ze is heel zorgzaam"))
            #expect(!page.contains("om over te praten"))
            #expect(!page.contains("Maak hiervan een actie"))
        }
        #expect(try await service.database.read { db in try Wegwijzer.Spiegel.sharedViews(inwonerID: sam, in: db) }.isEmpty)
    }

    @Test func whoSaysNeeIsThankedNotAskedAgainAndTheInwonerHearsNothing() async throws {
        let (service, sam) = try await Self.invited(share: true)
        #expect(try Self.answer(service, ["nee"]) == ["Dat is goed. Je krijgt geen berichten van ons."])
        // The inwoner invites Ans once more (went back and answered again): no second invitation.
        let member = try await service.database.read { db in try NetworkStore.members(inwonerID: sam, in: db) }.first?.id
        try await service.database.write { db in
            try OmgevingViews(service: service, db: db, now: Fixtures.start.addingTimeInterval(3600)).invite(
                inwonerID: sam, memberID: try #require(member), share: true, leefgebieden: ["geld"], localID: "opnieuw")
        }
        #expect(try await JobRunner(service: service).runDue(at: Fixtures.start.addingTimeInterval(5 * 3600)).isEmpty)
        #expect(
            try await service.database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }.map(\.status) == ["declined"])
    }

    /// The web view on this store, with Anna as Sam's professional.
    static func web(_ service: ConversationService, inwoner: Int64) throws -> WebFixture {
        try service.database.write { db in
            let anna = try ProfessionalStore.add(
                email: WebFixture.anna, passwordHash: Passwords.hash(WebFixture.password, cost: 4), admin: false, at: Fixtures.start, in: db
            )
            try ProfessionalStore.assign(personID: inwoner, to: anna, in: db)
        }
        return WebFixture(database: service.database, annaInwoner: inwoner, bramInwoner: inwoner)
    }
}
