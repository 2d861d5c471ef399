import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Crisis alerts come first, marked so a person sees them at once; what the inwoner told in the
/// chat is shown apart from the professionals' notes. Only on the professional's own caseload.
struct WebCrisisTests {
    static let hostile = "<script>alert('x')</script>"
    static let memberPhone = "+31622223333"

    /// Anna's inwoner has an older stuck question and a newer crisis; network member Ans (a person
    /// of her own) raised a crisis too; the inwoner told two things in the chat and Anna wrote a note.
    static func fixture() throws -> WebFixture {
        let fixture = try WebFixture.make()
        let inwoner = fixture.annaInwoner
        try fixture.database.write { db in
            try AlertStore.add(personID: inwoner, kind: "stuck_question", detail: "eerder", at: Fixtures.start, in: db)
            try AlertStore.add(
                personID: inwoner, kind: "crisis", node: "m1.score", detail: "zegt niet meer te willen leven \(hostile)",
                urgent: true, at: Fixtures.start.addingTimeInterval(3600), in: db)
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('netwerk', ?, 'Ans', ?)",
                arguments: [memberPhone, Fixtures.start])
            let member = try db.lastInsertedRowID
            try db.execute(
                sql: "UPDATE networkMember SET memberPersonId = ? WHERE personId = ? AND name = 'Ans'", arguments: [member, inwoner])
            try AlertStore.add(
                personID: member, kind: "crisis", detail: "Ans is in paniek", urgent: true,
                at: Fixtures.start.addingTimeInterval(7200), in: db)
            try db.execute(
                sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, NULL, ?, ?)",
                arguments: [inwoner, "Mijn moeder is vorige week overleden.", Fixtures.start.addingTimeInterval(600)])
            try db.execute(
                sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, NULL, ?, ?)",
                arguments: [inwoner, "Ik slaap slecht \(hostile)", Fixtures.start.addingTimeInterval(900)])
            try db.execute(
                sql: "INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, 1, 'Huisbezoek gepland', ?)",
                arguments: [inwoner, Fixtures.start.addingTimeInterval(1200)])
        }
        return fixture
    }

    static func position(_ text: String, in page: String) -> String.Index? { page.range(of: text)?.lowerBound }

    @Test func crisisAlertsAreListedFirstAndMarkedOnTheSignalenPageAndTheInwonerPage() async throws {
        let fixture = try Self.fixture()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            for uri in ["/signalen", "/inwoners/\(fixture.annaInwoner)"] {
                let page = String(buffer: try await anna.get(uri).body)
                let crisis = try #require(Self.position("Crisis: direct contact opnemen", in: page), "\(uri)")
                let older = try #require(Self.position("Vraag 3 keer niet gelukt", in: page), "\(uri)")
                #expect(crisis < older, "\(uri): the crisis comes before the older alert")
                #expect(page.contains("<strong class=\"tag crisis-tag\">Dringend</strong> Crisis: direct contact opnemen"), "\(uri)")
                #expect(page.components(separatedBy: "alert-item urgent crisis").count - 1 == 2, "\(uri): both crises marked")
                // The network member's crisis belongs to their inwoner.
                #expect(page.contains("Netwerklid Ans: Ans is in paniek"), "\(uri)")
                #expect(!page.contains("<script"), "\(uri)")
                #expect(page.contains("zegt niet meer te willen leven &lt;script&gt;"), "\(uri)")
            }
            let caseload = String(buffer: try await anna.get("/").body)
            #expect(caseload.contains("<strong class=\"tag crisis-tag\">crisis</strong>"))
        }
    }

    @Test func anotherProfessionalSeesNoneOfIt() async throws {
        let fixture = try Self.fixture()
        try await fixture.app().test(.router) { client in
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            let signalen = String(buffer: try await bram.get("/signalen").body)
            #expect(!signalen.contains("Crisis"))
            #expect(!signalen.contains("Ans is in paniek"))
            #expect(signalen.contains("Geen open signalen."))
            #expect(try await bram.get("/inwoners/\(fixture.annaInwoner)").status == .notFound)
            let caseload = String(buffer: try await bram.get("/").body)
            #expect(!caseload.contains("crisis-tag"))
            // Handling the crisis is refused, and it stays open.
            #expect(try await bram.post("/signalen/2", [("notitie", "gezien")]).status == .notFound)
        }
        #expect(try fixture.count("alert WHERE urgent = 1 AND handledAt IS NULL") == 2)
    }

    @Test func whatTheInwonerToldInTheChatIsShownApartWithItsTime() async throws {
        let fixture = try Self.fixture()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)").body)
            let told = try #require(page.range(of: "<h2 id=\"h-verteld\">Verteld in de chat</h2>"))
            let notes = try #require(page.range(of: "<h2 id=\"h-notities\">Notities</h2>"))
            let chat = String(page[told.upperBound...].components(separatedBy: "</section>")[0])
            let professional = String(page[notes.upperBound...].components(separatedBy: "</section>")[0])
            #expect(chat.contains("Mijn moeder is vorige week overleden."))
            #expect(chat.contains("23-11-2026 10:10 · de inwoner in de chat"))
            #expect(chat.contains("Ik slaap slecht &lt;script&gt;"))
            #expect(!chat.contains("Huisbezoek gepland"))
            // Newest first, like the professionals' notes.
            #expect(chat.range(of: "Ik slaap slecht")!.lowerBound < chat.range(of: "Mijn moeder")!.lowerBound)
            #expect(professional.contains("Huisbezoek gepland"))
            #expect(professional.contains(WebFixture.anna))
            #expect(!professional.contains("Mijn moeder"))
            #expect(!page.contains("<script"))
        }
    }

    @Test func withoutChatNotesThePageSaysSo() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)").body)
            #expect(page.contains("Nog niets verteld buiten de vragen."))
            #expect(page.contains("<a href=\"#verteld\">Verteld in de chat</a>"))
        }
    }
}
