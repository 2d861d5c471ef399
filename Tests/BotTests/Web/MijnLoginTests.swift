import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Logging in to Mijn Wegwijzer: a code over the inwoner's own channel, a one-time link, the limits,
/// and pages that tell nobody whether a number is known.
struct MijnLoginTests {
    @Test func aCodeSentOverTheInwonersOwnChannelLogsThemIn() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app(plainHTTP: false).test(.router) { client in
            let asked = try await MijnSession.askCode(client, phone: "06 12345678")
            #expect(asked.response.status == .ok)
            let sent = try #require(try fixture.lastOutbox())
            #expect(sent.key == "mijn.code")
            #expect(sent.person == fixture.annaInwoner)
            let code = try #require(MijnSession.code(in: sent.text))
            // The code goes where the conversation goes: the inwoner's SMS number.
            let channel = try await fixture.database.read { db in
                try String.fetchOne(db, sql: "SELECT channel FROM message WHERE textKey = 'mijn.code'")
            }
            #expect(channel == "sms")
            let response = try await MijnSession.enter(client, code: code, phone: WebFixture.phone, after: asked)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/mijn")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("ww_mijn=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("SameSite=Strict"))
            // Used once: the same code does not work again.
            let again = try await MijnSession.enter(client, code: code, phone: WebFixture.phone, after: asked)
            #expect(again.status == .unauthorized)
        }
        #expect(try fixture.count("inwonerSession WHERE personId = \(fixture.annaInwoner)") == 1)
        #expect(try fixture.count("audit WHERE event = 'inwoner ingelogd met code' AND personId = \(fixture.annaInwoner)") == 1)
        #expect(try fixture.count("inwonerLoginCode") == 0)
    }

    @Test func anUnknownNumberGetsTheSamePageAndNoMessage() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let outbox = try fixture.count("outbox")
            let known = try await MijnSession.askCode(client, phone: WebFixture.phone)
            let unknown = try await MijnSession.askCode(client, phone: "+31655512345")
            #expect(unknown.response.status == known.response.status)
            #expect(Self.withoutTokens(String(buffer: unknown.response.body)) == Self.withoutTokens(String(buffer: known.response.body)))
            #expect(try fixture.count("outbox") == outbox + 1)
            let guess = try await MijnSession.enter(client, code: "123456", phone: "+31655512345", after: unknown)
            #expect(guess.status == .unauthorized)
        }
    }

    @Test func anInwonerWhoSaidStopGetsNoCodeAndThePageSaysHowToStartAgain() async throws {
        let fixture = try WebFixture.make()
        try await fixture.database.write { db in try PersonStore.setOptedOut(true, personID: fixture.annaInwoner, in: db) }
        try await fixture.app().test(.router) { client in
            let outbox = try fixture.count("outbox")
            let asked = try await MijnSession.askCode(client, phone: WebFixture.phone)
            #expect(asked.response.status == .ok)
            #expect(String(buffer: asked.response.body).contains("Stuur START"))
            #expect(try fixture.count("outbox") == outbox)
        }
        #expect(try fixture.count("inwonerLoginCode") == 0)
    }

    @Test func aCodeAllowsFiveGuessesAndThenIsGone() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let asked = try await MijnSession.askCode(client, phone: WebFixture.phone)
            let sent = try #require(try fixture.lastOutbox())
            let code = try #require(MijnSession.code(in: sent.text))
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                #expect(try await MijnSession.enter(client, code: wrong, phone: WebFixture.phone, after: asked).status == .unauthorized)
            }
            // The right code after five wrong ones: refused, and the guesses from here now wait.
            let late = try await MijnSession.enter(client, code: code, phone: WebFixture.phone, after: asked)
            #expect(late.status == .tooManyRequests || late.status == .unauthorized)
            #expect(late.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("ww_mijn=") })
        }
        #expect(try fixture.count("inwonerLoginCode") == 0)
        #expect(try fixture.count("inwonerSession") == 0)
    }

    @Test func codesAreLimitedPerNumberAndPerClient() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            for _ in 0..<3 { #expect(try await MijnSession.askCode(client, phone: WebFixture.phone).response.status == .ok) }
            let fourth = try await MijnSession.askCode(client, phone: WebFixture.phone)
            #expect(fourth.response.status == .tooManyRequests)
            #expect(fourth.response.headers[.retryAfter] != nil)
            #expect(try fixture.count("message WHERE textKey = 'mijn.code'") == 3)
            // One client trying number after number is stopped too (ten requests in all).
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<7 { statuses.append(try await MijnSession.askCode(client, phone: "+3161111110\(n)").response.status) }
            #expect(statuses.filter { $0 == .ok }.count == 6)
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test func aCodeExpiresAfterTenMinutes() throws {
        let fixture = try WebFixture.make()
        try fixture.database.write { db in
            let code = try LoginCodeStore.issue(personID: fixture.annaInwoner, at: Fixtures.start, in: db)
            let late = Fixtures.start.addingTimeInterval(LoginCodeStore.lifetime + 1)
            #expect(try LoginCodeStore.check(code, personID: fixture.annaInwoner, at: late, in: db) == .none)
            let fresh = try LoginCodeStore.issue(personID: fixture.annaInwoner, at: Fixtures.start, in: db)
            #expect(try LoginCodeStore.check("x", personID: fixture.annaInwoner, at: Fixtures.start, in: db) == .wrong(left: 4))
            #expect(try LoginCodeStore.check(fresh, personID: fixture.annaInwoner, at: Fixtures.start, in: db) == .valid)
        }
    }

    @Test func aSessionEndsAfterThirtyMinutesIdleAndAtLogout() async throws {
        let fixture = try WebFixture.make()
        try await fixture.database.write { db in
            let token = try InwonerSessionStore.create(personID: fixture.annaInwoner, at: Fixtures.start, in: db)
            let almost = Fixtures.start.addingTimeInterval(29 * 60)
            #expect(try InwonerSessionStore.touch(token: token, at: almost, in: db)?.personID == fixture.annaInwoner)
            // Each request starts the idle time again.
            #expect(try InwonerSessionStore.touch(token: token, at: almost.addingTimeInterval(29 * 60), in: db) != nil)
            #expect(try InwonerSessionStore.touch(token: token, at: almost.addingTimeInterval(29 * 60 + 31 * 60), in: db) == nil)
        }
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            #expect(try await mijn.get("/mijn").status == .ok)
            let out = try await mijn.post("/mijn/uitloggen", [])
            #expect(out.status == .seeOther)
            #expect(
                out.headers[values: .setCookie].contains {
                    $0.hasPrefix("ww_mijn=;") || $0.hasPrefix("ww_mijn=") && $0.contains("Max-Age=0")
                })
            let after = try await mijn.get("/mijn")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/mijn/inloggen")
        }
        #expect(try fixture.count("audit WHERE event = 'inwoner uitgelogd'") == 1)
    }

    @Test func aProfessionalSendsAOneTimeLinkThatWorksOnce() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let sent = try await anna.post("/inwoners/\(fixture.annaInwoner)/inloglink", [])
            #expect(sent.headers[.location] == "/inwoners/\(fixture.annaInwoner)?melding=inloglink")
            let message = try #require(try fixture.lastOutbox())
            #expect(message.key == "mijn.link")
            #expect(message.person == fixture.annaInwoner)
            let range = try #require(message.text.range(of: "/mijn/link/"))
            let token = String(message.text[range.upperBound...].prefix { !$0.isWhitespace })
            // Opening the link (as a messenger's preview does) uses nothing up.
            let page = try await client.execute(uri: "/mijn/link/\(token)", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok)
            let opened = try await client.execute(uri: "/mijn/link/\(token)", method: .get, headers: [:], body: nil)
            #expect(opened.status == .ok)
            let login = WebSession.setCookie(opened, "ww_mijn_login") ?? ""
            var headers = WebSession.form
            headers[.cookie] = "ww_mijn_login=\(login)"
            let body = WebSession.formBody([("_login", WebSession.hidden("_login", in: String(buffer: opened.body)) ?? "")])
            let used = try await client.execute(uri: "/mijn/link/\(token)", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(used.status == .seeOther)
            #expect(WebSession.setCookie(used, "ww_mijn") != nil)
            let again = try await client.execute(
                uri: "/mijn/link/\(token)", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(again.status == .notFound)
            #expect(try await client.execute(uri: "/mijn/link/\(token)", method: .get, headers: [:], body: nil).status == .notFound)
            // Bram cannot send a link to Anna's inwoner.
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            #expect(try await bram.post("/inwoners/\(fixture.annaInwoner)/inloglink", []).status == .notFound)
        }
        #expect(try fixture.count("audit WHERE event = 'inwoner ingelogd met link'") == 1)
    }

    /// A page without its random tokens, to compare two answers.
    static func withoutTokens(_ html: String) -> String {
        html.replacingOccurrences(of: #"value="[A-Za-z0-9_-]{43}""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"value="\+[0-9]+""#, with: "", options: .regularExpression)
    }
}
