import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Who may reach Mijn Wegwijzer: only the inwoner with their own session, each form only with that
/// session's CSRF token; another inwoner's ids are pages that do not exist.
struct MijnAccessTests {
    /// Every page of an inwoner, with ids of the inwoner whose plan it is.
    static func routes(action: Int64, goal: Int64) -> [(HTTPRequest.Method, String, [(String, String)])] {
        [
            (.get, "/mijn", []),
            (.post, "/mijn/acties/\(action)/verslag", [("uitkomst", "gedaan"), ("geholpen", "7")]),
            (.post, "/mijn/acties/\(action)/datum", [("datum", "2027-01-15")]),
            (.post, "/mijn/doelen/\(goal)/acties", [("wat", "Zelf bellen"), ("datum", "2027-01-10")]),
            (.post, "/mijn/notitie", [("notitie", "Hallo")]),
            (.get, "/mijn/stand", []),
            (.post, "/mijn/stand/cijfer", [("leefgebied", "geld"), ("cijfer", "6")]),
            (.post, "/mijn/stand/praten", [("leefgebied", "geld")]),
            (.get, "/mijn/mensen", []),
            (.get, "/mijn/gegevens", []),
            (.get, "/mijn/gegevens/export", []),
            (.post, "/mijn/gegevens/wissen", [("zeker", "ja")]),
            (.post, "/mijn/gegevens/toestemming", [("doel", "deelname")]),
            (.get, "/mijn/printen", []),
            (.get, "/mijn/gesprek", []),
            (.post, "/mijn/gesprek", [("antwoord", "ja"), ("bericht", "form-id-0123456789abcdef")]),
            (.post, "/mijn/uitloggen", [])
        ]
    }

    static func firstAction(_ fixture: WebFixture) throws -> (action: Int64, goal: Int64) {
        try fixture.database.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT id, goalId FROM action WHERE personId = ? AND status = 'gepland' ORDER BY id LIMIT 1",
                arguments: [fixture.annaInwoner])!
            return (row["id"], row["goalId"])
        }
    }

    /// Everything stored about the inwoner, to prove a refused request changed nothing.
    static func snapshot(_ fixture: WebFixture) throws -> String {
        let export = try fixture.database.read { db in try PersonExport.document(personID: fixture.annaInwoner, in: db) }
        let counts = try ["alert", "note", "job", "message", "audit"].map {
            try fixture.count("\($0) WHERE personId = \(fixture.annaInwoner)")
        }
        return String(decoding: export, as: UTF8.self) + "\(counts)"
    }

    @Test func withoutAnInwonersSessionEveryPageSendsYouToTheLoginAndEveryFormIsRefused() async throws {
        let fixture = try WebFixture.make()
        let (action, goal) = try Self.firstAction(fixture)
        let before = try Self.snapshot(fixture)
        try await fixture.app().test(.router) { client in
            let professional = try await WebSession.login(client, email: WebFixture.anna)
            // No cookie, a made-up one, and a professional's session (for their own inwoner even).
            for cookie in [nil, "ww_mijn=made-up-token", professional.cookie, "ww_mijn=\(professional.cookie.dropFirst(10))"] {
                for (method, uri, fields) in Self.routes(action: action, goal: goal) {
                    var headers = WebSession.form
                    if let cookie { headers[.cookie] = cookie }
                    let response = try await client.execute(
                        uri: uri, method: method, headers: headers,
                        body: ByteBuffer(string: WebSession.formBody([("_csrf", professional.csrf)] + fields)))
                    if method == .get {
                        #expect(response.status == .seeOther, "\(uri) \(cookie ?? "-")")
                        #expect(response.headers[.location] == "/mijn/inloggen", "\(uri)")
                    } else {
                        #expect(response.status == .unauthorized, "\(uri) \(cookie ?? "-")")
                    }
                }
            }
        }
        #expect(try Self.snapshot(fixture) == before)
    }

    @Test func anotherInwonersStepsAndGoalsAre404AndNothingChanges() async throws {
        let fixture = try WebFixture.make()
        let (action, goal) = try Self.firstAction(fixture)
        let before = try Self.snapshot(fixture)
        try await fixture.app().test(.router) { client in
            let bart = try await MijnSession.login(client, phone: WebFixture.otherPhone, fixture: fixture)
            for (method, uri, fields) in Self.routes(action: action, goal: goal) where uri.contains("/acties") || uri.contains("/doelen") {
                #expect(try await bart.post(uri, fields).status == .notFound, "\(method) \(uri)")
            }
            for uri in ["/mijn/acties/abc/verslag", "/mijn/acties/999999/datum", "/mijn/doelen/0/acties"] {
                #expect(try await bart.post(uri, [("uitkomst", "gedaan"), ("datum", "2027-01-15"), ("wat", "x")]).status == .notFound)
            }
            // Bart's own plan page shows nothing of Anna's inwoner.
            let page = String(buffer: try await bart.get("/mijn").body)
            #expect(!page.contains("actie-\(action)"))
            #expect(!page.contains("doel-\(goal)"))
        }
        #expect(try Self.snapshot(fixture) == before)
    }

    @Test func everyFormNeedsTheSessionsOwnCSRFToken() async throws {
        let fixture = try WebFixture.make()
        let (action, goal) = try Self.firstAction(fixture)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let other = try await MijnSession.login(client, phone: WebFixture.otherPhone, fixture: fixture)
            let before = try Self.snapshot(fixture)
            for (method, uri, fields) in Self.routes(action: action, goal: goal) where method == .post {
                for csrf in ["", "wrong", other.csrf] {
                    #expect(try await mijn.post(uri, fields, csrf: csrf).status == .forbidden, "\(uri) \(csrf)")
                }
            }
            #expect(try Self.snapshot(fixture) == before)
            // The session still works after refused forms.
            #expect(try await mijn.get("/mijn").status == .ok)
        }
    }
}
