import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// The plan on one A4 "voor op de koelkast", as the professional prints it: tick boxes with who and
/// the day, a pictogram per leefgebied, the four strength boxes, room for a photo, the hulpverlener;
/// every word in the inwoner's language.
struct WebFridgePlanTests {
    /// Anna's inwoner Sam did the whole intake: goal 1 (wonen) with a step for Sam on di 24
    /// november 10:00 and one for Ans on vr 27 november. Added here: Ans's surname, and goal 2
    /// (geld) with a step that is done.
    static func seeded() throws -> WebFixture {
        let fixture = try WebFixture.make()
        try fixture.database.write { db in
            let id = fixture.annaInwoner
            try db.execute(sql: "UPDATE networkMember SET name = 'Ans Jansen' WHERE personId = ? AND name = 'Ans'", arguments: [id])
            let records = PlanRecordStore(db: db, personID: id, now: Fixtures.start)
            let goal = try records.saveGoal(
                text: "Rust in mijn geldzaken", leefgebied: "geld", rank: 2, wishLocalID: nil, localID: "koelkast-doel")!
            let action = try records.saveAction(
                goalID: goal, what: "Alle post in een map doen", ownerKind: "inwoner", memberID: nil, dueDate: "2026-11-23", dueTime: nil,
                localID: "koelkast-actie")!
            try db.execute(sql: "UPDATE action SET status = 'gedaan' WHERE id = ?", arguments: [action])
        }
        return fixture
    }

    /// The page with the line breaks and indentation between tags taken out, so a test reads the
    /// structure; a space between two tags on one line stays.
    static func page(_ response: TestResponse) -> String {
        String(buffer: response.body).replacingOccurrences(of: ">\\s*\n\\s*<", with: "><", options: .regularExpression)
    }

    static func pictogram(_ name: String) throws -> String {
        try #require(try Pages.load().html("picto-\(name)", [:])).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theProfessionalPrintsTheFridgePageInDutch() async throws {
        let fixture = try Self.seeded()
        let id = fixture.annaInwoner
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let response = try await anna.get("/inwoners/\(id)/plan")
            #expect(response.status == .ok)
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let page = Self.page(response)
            #expect(page.contains("<article class=\"fridge\" lang=\"nl\">"))
            #expect(page.contains("<a href=\"/inwoners/\(id)\">Terug</a>"))
            #expect(page.contains("<h1>Mijn plan <span class=\"fridge-name\">Sam</span></h1>"))
            // The goals in their order, each with its leefgebied's pictogram and name.
            let wonen = try #require(page.range(of: "\(try Self.pictogram("wonen"))<span>Wonen</span>"))
            let geld = try #require(page.range(of: "\(try Self.pictogram("geld"))<span>Geld</span>"))
            #expect(wonen.lowerBound < geld.lowerBound)
            #expect(page.contains("<p class=\"fridge-goal-text\">Een huis zonder schimmel</p>"))
            // Three tick boxes, one ticked; "Ik" or the member's first name, and the day.
            #expect(page.components(separatedBy: "<svg class=\"tickbox\"").count - 1 == 3)
            #expect(page.components(separatedBy: "<path d=\"M6 12.5l4 4 8-9\"/>").count - 1 == 1)
            #expect(page.contains("<li class=\"tick done\">"))
            #expect(
                page.contains(
                    "<span class=\"sr-only\">Gedaan:</span><span class=\"tick-text\"><span class=\"what\">Alle post in een map doen"))
            #expect(
                page.contains(
                    "<span class=\"what\">De woningcorporatie bellen</span> <span class=\"when\"><strong>Ik</strong> · dinsdag 24 november, 10:00"
                ))
            #expect(
                page.contains(
                    "<span class=\"what\">Ans vragen mee te gaan</span> <span class=\"when\"><strong>Ans</strong> · vrijdag 27 november"))
            #expect(page.components(separatedBy: "<span class=\"sr-only\">Nog doen:</span>").count - 1 == 2)
            // The four strength boxes, and what the inwoner does for others.
            #expect(page.contains("<section class=\"strength-box ik_ben\"><h3>Ik ben</h3><p>eerlijk</p></section>"))
            #expect(page.contains("<section class=\"strength-box ik_kan\"><h3>Ik kan</h3><p>goed koken</p></section>"))
            #expect(page.contains("<section class=\"strength-box ik_heb\"><h3>Ik heb</h3><p>een lieve zus</p></section>"))
            #expect(page.contains("<section class=\"strength-box ik_wil\"><h3>Ik wil</h3><p>weer werken</p></section>"))
            #expect(page.contains("<p class=\"for-others\"><strong>Ik doe voor anderen:</strong> boodschappen voor de buurvrouw</p>"))
            #expect(page.contains("<div class=\"photo-area\"><p>Plak hier een foto of schrijf iets op</p></div>"))
            #expect(page.contains("<h2 id=\"koelkast-hulpverlener\">Mijn hulpverlener</h2>"))
            #expect(page.contains("Mail: <a href=\"mailto:\(WebFixture.anna)\">\(WebFixture.anna)</a>"))
            #expect(!page.contains("Bel:"))
            Self.expectSafe(page)
            // With a name and a phone number, the inwoner reads who and how to call.
            _ = try await fixture.database.write { db in
                try ProfessionalStore.setContact(email: WebFixture.anna, name: "Anna de Vries", phone: "020 123 4567", in: db)
            }
            let named = Self.page(try await anna.get("/inwoners/\(id)/plan"))
            #expect(named.contains("<p class=\"fridge-helper\">Anna de Vries</p>"))
            #expect(named.contains("Bel: <a href=\"tel:020 123 4567\">020 123 4567</a>"))
        }
        #expect(try fixture.count("audit WHERE event = 'plan bekeken' AND personId = \(id)") == 2)
    }

    @Test func anEnglishSpeakingInwonerGetsEnglishWords() async throws {
        let fixture = try Self.seeded()
        let id = fixture.annaInwoner
        try await fixture.database.write { db in
            try db.execute(sql: "UPDATE person SET language = 'en' WHERE id = ?", arguments: [id])
        }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = Self.page(try await anna.get("/inwoners/\(id)/plan"))
            #expect(page.contains("<article class=\"fridge\" lang=\"en\">"))
            #expect(page.contains("<title>My plan – Sam – Wegwijzer</title>"))
            #expect(page.contains("<h1>My plan <span class=\"fridge-name\">Sam</span></h1>"))
            #expect(page.contains("\(try Self.pictogram("wonen"))<span>Housing</span>"))
            #expect(page.contains("\(try Self.pictogram("geld"))<span>Money</span>"))
            #expect(page.contains("<strong>Me</strong> · Tuesday 24 November, 10:00"))
            #expect(page.contains("<strong>Ans</strong> · Friday 27 November"))
            #expect(page.contains("<span class=\"sr-only\">Done:</span>"))
            #expect(page.contains("<h3>I am</h3><p>eerlijk</p>"))
            #expect(page.contains("<h3>I can</h3>"))
            #expect(page.contains("<h3>I have</h3>"))
            #expect(page.contains("<h3>I want</h3>"))
            #expect(page.contains("<strong>I do for others:</strong>"))
            #expect(page.contains("Stick a photo here or write something"))
            #expect(page.contains("My care worker"))
            #expect(page.contains("Email: <a href=\"mailto:\(WebFixture.anna)\">"))
            // The inwoner's own words stay as they wrote them; no Dutch words of the page are left.
            #expect(page.contains("De woningcorporatie bellen"))
            for dutch in ["Mijn plan", "Ik ben", "Plak hier", "Mijn hulpverlener", "dinsdag", "Gedaan", "Wonen<"] {
                #expect(!page.contains(dutch), "\(dutch)")
            }
            Self.expectSafe(page)
        }
    }

    @Test func anInwonerWithoutAPlanGetsEmptyBoxesToWriteIn() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            let page = Self.page(try await bram.get("/inwoners/\(fixture.bramInwoner)/plan"))
            #expect(page.contains("<h1>Mijn plan <span class=\"fridge-name\">Bart</span></h1>"))
            #expect(page.contains("Er staat nog geen doel in je plan."))
            #expect(page.components(separatedBy: "<p class=\"write-here\">Nog leeg. Schrijf het hier op.</p>").count - 1 == 4)
            #expect(page.contains("<div class=\"photo-area\">"))
            #expect(page.contains("mailto:\(WebFixture.bram)"))
            Self.expectSafe(page)
        }
    }

    @Test func anotherProfessionalsInwonerIsNotFound() async throws {
        let fixture = try Self.seeded()
        try await fixture.app().test(.router) { client in
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            let response = try await bram.get("/inwoners/\(fixture.annaInwoner)/plan")
            #expect(response.status == .notFound)
            #expect(!String(buffer: response.body).contains("Een huis zonder schimmel"))
        }
        #expect(try fixture.count("audit WHERE event = 'plan bekeken'") == 0)
    }

    @Test func aFirstNameIsEnoughButARelationStaysWhole() {
        #expect(FridgePlan.firstName("Ans Jansen") == "Ans")
        #expect(FridgePlan.firstName("Ans") == "Ans")
        #expect(FridgePlan.firstName("Mijn moeder") == "Mijn moeder")
        #expect(FridgePlan.firstName("de buurvrouw") == "de buurvrouw")
        #expect(FridgePlan.firstName("Ans de Vries") == "Ans de Vries")
    }

    /// The page keeps to the CSP (no scripts, no inline styles), and every pictogram and tick box
    /// is hidden from screen readers, which read the words beside it.
    static func expectSafe(_ page: String) {
        #expect(!page.contains("<script"))
        #expect(!page.contains("<style"))
        #expect(!page.contains("style="))
        let svgs = page.components(separatedBy: "<svg ").dropFirst().map { $0.prefix { $0 != ">" } }
        #expect(svgs.allSatisfy { $0.contains("aria-hidden=\"true\"") })
    }
}
