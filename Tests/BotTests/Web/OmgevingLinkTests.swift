import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// The omgeving's view by link (`/omgeving/TOKEN`): the professional sends it to someone the inwoner
/// invited, who answers in a browser: their own consent first, once, within 14 days.
struct OmgevingLinkTests {
    /// Sam invited Ans (asked by chat at 10:05); Anna sends her the link. The token and Ans's person.
    static func linkSent(
        _ fixture: WebFixture, _ client: some TestClientProtocol, sam: Int64
    ) async throws -> (token: String, ans: Int64) {
        let anna = try await WebSession.login(client, email: WebFixture.anna)
        let page = String(buffer: try await anna.get("/inwoners/\(sam)").body)
        let action = try #require(page.range(of: #"/inwoners/\d+/omgeving/\d+/link"#, options: .regularExpression))
        let sent = try await anna.post(String(page[action]), [])
        #expect(sent.headers[.location] == "/inwoners/\(sam)?melding=omgevingslink#omgeving")
        let message = try #require(try fixture.lastOutbox())
        #expect(message.key == "omgeving.link")
        #expect(message.text.hasPrefix("Hallo Ans, Sam wil graag weten hoe jij het ziet."))
        let range = try #require(message.text.range(of: "/omgeving/"))
        return (String(message.text[range.upperBound...].prefix { !$0.isWhitespace }), message.person)
    }

    /// The form with its token, as a browser has it after opening the link.
    static func open(_ client: some TestClientProtocol, _ token: String) async throws -> (page: String, cookie: String, login: String) {
        let response = try await client.execute(uri: "/omgeving/\(token)", method: .get, headers: [:], body: nil)
        #expect(response.status == .ok)
        let page = String(buffer: response.body)
        return (page, WebSession.setCookie(response, "ww_omgeving") ?? "", WebSession.hidden("_login", in: page) ?? "")
    }

    static func post(
        _ client: some TestClientProtocol, _ token: String, _ form: (page: String, cookie: String, login: String),
        _ fields: [(String, String)], login: String? = nil
    ) async throws -> TestResponse {
        var headers = WebSession.form
        headers[.cookie] = "ww_omgeving=\(form.cookie)"
        let body = WebSession.formBody([("_login", login ?? form.login)] + fields)
        return try await client.execute(uri: "/omgeving/\(token)", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func theInvitedPersonAnswersInTheBrowserOnceAndTheChatAsksNothingMore() async throws {
        let (service, sam) = try await OmgevingTests.invited(share: true)
        let fixture = try OmgevingTests.web(service, inwoner: sam)
        let ans = try await fixture.app().test(.router) { client -> Int64 in
            let (token, ans) = try await Self.linkSent(fixture, client, sam: sam)
            let form = try await Self.open(client, token)
            #expect(form.page.contains("Hallo Ans. Sam praat met het wijkteam"))
            #expect(form.page.contains("<label for=\"cijfer-geld\">Geld</label>"))
            #expect(form.page.contains("<label for=\"cijfer-wonen\">Wonen</label>"))
            // Refused, with the reason, and nothing stored: no choice, a score out of range, a foreign form.
            let none = try await Self.post(client, token, form, [("cijfer_geld", "4")])
            #expect(none.status == .badRequest)
            #expect(String(buffer: none.body).contains("Kies eerst of je meedoet."))
            #expect(try await Self.post(client, token, form, [("akkoord", "ja"), ("cijfer_geld", "11")]).status == .badRequest)
            #expect(try await Self.post(client, token, form, [("akkoord", "ja")], login: "from-elsewhere").status == .forbidden)
            #expect(try fixture.count("omgevingView WHERE status = 'answered'") == 0)

            let fresh = try await Self.open(client, token)
            let done = try await Self.post(
                client, token, fresh,
                [
                    ("akkoord", "ja"), ("cijfer_geld", "4"), ("cijfer_wonen", ""), ("sterk", "Ze is heel zorgzaam"),
                    ("helpen", "Boodschappen")
                ])
            #expect(done.status == .ok)
            #expect(String(buffer: done.body).contains("Dank je wel! Je antwoorden zijn bij Sam."))
            // One time only.
            let again = try await client.execute(uri: "/omgeving/\(token)", method: .get, headers: [:], body: nil)
            #expect(again.status == .notFound)
            #expect(String(buffer: again.body).contains("Deze link werkt niet meer."))
            return ans
        }
        let view = try #require(try await fixture.database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }.first)
        #expect(view.status == "answered")
        #expect(view.scores == ["geld": 4])
        #expect(view.strengths == "Ze is heel zorgzaam" && view.offer == "Boodschappen")
        #expect(
            try fixture.count("consent WHERE personId = \(ans) AND purpose = 'omgeving_eigen' AND granted = 1 AND channel = 'web'") == 1)
        #expect(try fixture.count("job WHERE kind = 'omgeving_notice' AND personId = \(sam)") == 1)
        // Ans's chat conversation about it ended: her next message asks no question of it again.
        #expect(try await fixture.database.read { db in try PersonStore.routing(personID: ans, in: db)?.activeFlow } == nil)
        let replies = try OmgevingTests.answer(service, ["ja"])
        #expect(!replies.contains { $0.contains("Geef een cijfer") || $0.contains("Waar is Sam goed in") })
        #expect(try await fixture.database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }.first == view)
    }

    @Test func aNoIsStoredAndNobodyAsksAgain() async throws {
        let (service, sam) = try await OmgevingTests.invited(share: false)
        let fixture = try OmgevingTests.web(service, inwoner: sam)
        try await fixture.app().test(.router) { client in
            let (token, ans) = try await Self.linkSent(fixture, client, sam: sam)
            let form = try await Self.open(client, token)
            let no = try await Self.post(client, token, form, [("akkoord", "nee"), ("cijfer_geld", "2")])
            #expect(no.status == .ok)
            #expect(String(buffer: no.body).contains("Dat is goed."))
            #expect(try fixture.count("consent WHERE personId = \(ans) AND purpose = 'omgeving_eigen' AND granted = 0") == 1)
        }
        let view = try #require(try await fixture.database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }.first)
        #expect(view.status == "declined")
        #expect(view.scores.isEmpty)
        #expect(try fixture.count("job WHERE kind = 'omgeving_notice'") == 0)
    }

    /// (Another professional's attempt to send a link is in `WebAccessTests`: a 404.)
    @Test func anUnknownTokenIsA404() async throws {
        let (service, sam) = try await OmgevingTests.invited(share: true)
        let fixture = try OmgevingTests.web(service, inwoner: sam)
        try await fixture.app().test(.router) { client async throws in
            let get = try await client.execute(uri: "/omgeving/made-up", method: .get, headers: [:], body: nil)
            let post = try await client.execute(uri: "/omgeving/made-up", method: .post, headers: WebSession.form, body: nil)
            #expect(get.status == .notFound && post.status == .notFound)
        }
        #expect(try fixture.count("consent WHERE channel = 'web'") == 0)
    }
}
