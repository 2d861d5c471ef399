import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Who may see what: login, sessions, CSRF, and one professional never seeing another's inwoner.
struct WebAccessTests {
    /// Every page that belongs to one inwoner, with the method it takes.
    static func inwonerRoutes(_ id: Int64) -> [(HTTPRequest.Method, String, [(String, String)])] {
        [
            (.get, "/inwoners/\(id)", []),
            (.get, "/inwoners/\(id)/plan", []),
            (.get, "/inwoners/\(id)/export", []),
            (.get, "/inwoners/\(id)/wissen", []),
            (.post, "/inwoners/\(id)/plan/versturen", []),
            (.post, "/inwoners/\(id)/inloglink", []),
            (.post, "/inwoners/\(id)/omgeving/1/link", []),
            (.post, "/inwoners/\(id)/notities", [("notitie", "bekeken")]),
            (.post, "/inwoners/\(id)/praten", [("leefgebied", "geld")]),
            (.post, "/inwoners/\(id)/acties", [("doel", "nieuw"), ("nieuw_doel", "Doel"), ("wat", "Iets doen"), ("wie", "inwoner")]),
            (.post, "/inwoners/\(id)/acties/1", [("wat", "Iets"), ("wie", "inwoner"), ("status", "gedaan")]),
            (.post, "/inwoners/\(id)/acties/1/aannemen", []),
            (
                .post, "/inwoners/\(id)/verwijzingen",
                [("doel", "nieuw"), ("nieuw_doel", "Doel"), ("specialist", "ggz"), ("wat", "Aanmelden")]
            ),
            (.get, "/inwoners/\(id)/samen", []),
            (.post, "/inwoners/\(id)/samen", [("antwoord", "ja"), ("bericht", "access-check-0123456789"), ("notitie", "Samen")]),
            (.post, "/inwoners/\(id)/wissen", [("bevestig", "WISSEN")])
        ]
    }

    static let otherPages: [(HTTPRequest.Method, String, [(String, String)])] = [
        (.get, "/", []), (.get, "/inwoners/nieuw", []), (.get, "/signalen", []), (.get, "/audit", []), (.get, "/beheer", []),
        (.post, "/inwoners", [("naam", "X"), ("telefoon", "0611111111")]), (.post, "/signalen/1", []),
        (.post, "/beheer/toewijzen", []), (.post, "/logout", [])
    ]

    @Test func withoutASessionEveryPageSendsYouToTheLoginAndEveryFormIsRefused() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            for (method, uri, fields) in Self.inwonerRoutes(fixture.annaInwoner) + Self.otherPages {
                for cookie in [nil, "ww_sessie=made-up-token"] {
                    var headers = WebSession.form
                    if let cookie { headers[.cookie] = cookie }
                    let response = try await client.execute(
                        uri: uri, method: method, headers: headers,
                        body: ByteBuffer(string: WebSession.formBody(fields)))
                    if method == .get {
                        #expect(response.status == .seeOther, "\(uri)")
                        #expect(response.headers[.location] == "/login", "\(uri)")
                    } else {
                        #expect(response.status == .unauthorized, "\(uri)")
                    }
                }
            }
        }
        #expect(try fixture.count("note") == 0)
        #expect(try fixture.count("person WHERE id = \(fixture.annaInwoner)") == 1)
    }

    @Test func anotherProfessionalsInwonerIsA404OnEveryRouteAndNothingChanges() async throws {
        let fixture = try WebFixture.make()
        let before = try await fixture.database.read { db in try PersonExport.document(personID: fixture.annaInwoner, in: db) }
        let outboxBefore = try fixture.count("outbox")
        try await fixture.app().test(.router) { client in
            let bram = try await WebSession.login(client, email: WebFixture.bram)
            for (method, uri, fields) in Self.inwonerRoutes(fixture.annaInwoner) {
                let response = method == .get ? try await bram.get(uri) : try await bram.post(uri, fields)
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(!String(buffer: response.body).contains("Een huis zonder schimmel"), "\(uri)")
            }
            // An id that does not exist looks the same as one that is not yours.
            #expect(try await bram.get("/inwoners/999999").status == .notFound)
            #expect(try await bram.get("/inwoners/abc").status == .notFound)
            // Bram's caseload does not list Anna's inwoner; his own page works.
            let caseload = String(buffer: try await bram.get("/").body)
            #expect(caseload.contains("Bart"))
            #expect(!caseload.contains("/inwoners/\(fixture.annaInwoner)\""))
            #expect(try await bram.get("/inwoners/\(fixture.bramInwoner)").status == .ok)
        }
        let after = try await fixture.database.read { db in try PersonExport.document(personID: fixture.annaInwoner, in: db) }
        #expect(after == before)
        #expect(try fixture.count("outbox") == outboxBefore)
        #expect(try fixture.count("note") == 0)
    }

    @Test func aFormWithoutTheRightCSRFTokenIsRefusedAndChangesNothing() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            #expect(anna.csrf.count > 20)
            for token in ["", "wrong", String(anna.csrf.dropLast()) + "x"] {
                for (method, uri, fields) in Self.inwonerRoutes(fixture.annaInwoner) + Self.otherPages where method == .post {
                    let response = try await anna.post(uri, fields, csrf: token)
                    #expect(response.status == .forbidden, "\(uri) with token '\(token)'")
                }
            }
            // With the token, the same note goes through.
            let ok = try await anna.post("/inwoners/\(fixture.annaInwoner)/notities", [("notitie", "Gebeld, gaat goed")])
            #expect(ok.status == .seeOther)
        }
        #expect(try fixture.count("note") == 1)
        #expect(try fixture.count("person WHERE id = \(fixture.annaInwoner)") == 1)
    }

    @Test func loginSetsAStrictHttpOnlySessionCookieSecureUnlessPlainHTTP() async throws {
        let fixture = try WebFixture.make()
        for plain in [false, true] {
            try await fixture.app(plainHTTP: plain).test(.router) { client in
                let response = try await WebSession.loginAttempt(client, email: WebFixture.anna, password: WebFixture.password)
                #expect(response.status == .seeOther)
                let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("ww_sessie=") } ?? ""
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Secure") == !plain)
            }
        }
        // Only a hash of the token is stored.
        let stored = try await fixture.database.read { db in try String.fetchAll(db, sql: "SELECT tokenHash FROM webSession") }
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.count == 64 })
    }

    @Test func wrongPasswordsAreRefusedThenRateLimited() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let unknown = try await WebSession.loginAttempt(client, email: "niemand@example.nl", password: "whatever-long")
            #expect(unknown.status == .unauthorized)
            let wrong = try await WebSession.loginAttempt(client, email: WebFixture.anna, password: "not the password")
            #expect(wrong.status == .unauthorized)
            // The same message for an unknown address and a wrong password.
            #expect(String(buffer: unknown.body).contains("horen niet bij elkaar"))
            #expect(String(buffer: wrong.body).contains("horen niet bij elkaar"))
            for _ in 0..<4 { _ = try await WebSession.loginAttempt(client, email: WebFixture.anna, password: "not the password") }
            // Five failures: even the right password waits now.
            let limited = try await WebSession.loginAttempt(client, email: WebFixture.anna, password: WebFixture.password)
            #expect(limited.status == .tooManyRequests)
            #expect(String(buffer: limited.body).contains("Te veel pogingen"))
            // Another address is not affected.
            #expect(try await WebSession.loginAttempt(client, email: WebFixture.bram, password: WebFixture.password).status == .seeOther)
        }
    }

    @Test func theLoginFormNeedsItsOwnToken() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await WebSession.loginAttempt(client, email: WebFixture.anna, password: WebFixture.password, token: false)
            #expect(response.status == .forbidden)
            #expect(WebSession.setCookie(response, "ww_sessie") == nil)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            #expect(try await anna.get("/").status == .ok)
            #expect(try await anna.post("/logout", []).status == .seeOther)
            let after = try await anna.get("/")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/login")
        }
        #expect(try fixture.count("webSession") == 0)
    }

    @Test func onlyAdminsSeeTheAuditLogAndTheUnassignedInwoners() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            _ = try await anna.get("/inwoners/\(fixture.annaInwoner)")
            #expect(try await anna.get("/audit").status == .notFound)
            #expect(try await anna.get("/beheer").status == .notFound)
            let admin = try await WebSession.login(client, email: WebFixture.admin)
            let audit = String(buffer: try await admin.get("/audit").body)
            #expect(audit.contains("\(WebFixture.anna)</td><td>inwoner \(fixture.annaInwoner)</td><td>bekeken"))
            #expect(!audit.contains(WebFixture.phone))
        }
    }

    @Test func pagesCarrySecurityHeaders() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = try await anna.get("/inwoners/\(fixture.annaInwoner)")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(!String(buffer: page.body).contains("<script"))
        }
    }
}
