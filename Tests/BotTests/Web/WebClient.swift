import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

@testable import Bot

/// The professionals' web view in process, with two professionals and one inwoner each.
struct WebFixture {
    static let password = "correct horse battery"
    static let anna = "anna@wijkteam.example"
    static let bram = "bram@wijkteam.example"
    static let admin = "beheer@wijkteam.example"
    static let phone = "+31612345678"
    static let otherPhone = "+31687654321"

    let database: AppDatabase
    let annaInwoner: Int64
    let bramInwoner: Int64

    /// Anna's inwoner did the whole intake; Bram's inwoner was only enrolled.
    static func make(_ storage: Fixtures.Storage = .memory) throws -> WebFixture {
        let database = try storage.open()
        let service = try ConversationService(database: database, library: Fixtures.library)
        for (n, line) in Fixtures.intake.enumerated() {
            _ = try service.handle(Fixtures.message(line, id: "SM\(n)", phone: phone))
        }
        _ = try service.enroll(phone: otherPhone, name: "Bart", channel: "sms", language: .nl, at: Fixtures.start)
        let hash = Passwords.hash(password, cost: 4)
        let (a, b) = try database.write { db -> (Int64, Int64) in
            let anna = try ProfessionalStore.add(email: Self.anna, passwordHash: hash, admin: false, at: Fixtures.start, in: db)
            let bram = try ProfessionalStore.add(email: Self.bram, passwordHash: hash, admin: false, at: Fixtures.start, in: db)
            _ = try ProfessionalStore.add(email: Self.admin, passwordHash: hash, admin: true, at: Fixtures.start, in: db)
            let annaInwoner = try PersonStore.id(phone: phone, in: db)!
            let bramInwoner = try PersonStore.id(phone: otherPhone, in: db)!
            try ProfessionalStore.assign(personID: annaInwoner, to: anna, in: db)
            try ProfessionalStore.assign(personID: bramInwoner, to: bram, in: db)
            return (annaInwoner, bramInwoner)
        }
        return WebFixture(database: database, annaInwoner: a, bramInwoner: b)
    }

    func app(plainHTTP: Bool = true) throws -> some ApplicationProtocol {
        var config = TestServer.config()
        config.web.plainHTTP = plainHTTP
        return try buildApplication(
            config: config, database: database, library: Fixtures.library, clock: .fixed(Fixtures.start),
            transport: FakeProvider().transport, logger: Logger(label: "test"), runDispatcher: false)
    }

    /// The newest message in the outbox: its text key, who it is for, and its text.
    func lastOutbox() throws -> (key: String?, person: Int64, text: String)? {
        try database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT m.textKey, m.personId, m.text FROM outbox o JOIN message m ON m.id = o.messageId ORDER BY o.id DESC LIMIT 1"
            ).map { ($0["textKey"], $0["personId"], $0["text"]) }
        }
    }

    func count(_ sql: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(sql)") ?? 0 }
    }
}

/// A browser's worth of state for one professional: the session cookie and the CSRF token.
struct WebSession {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Logs in through the real login form.
    static func login(_ client: some TestClientProtocol, email: String, password: String = WebFixture.password) async throws -> WebSession {
        let response = try await loginAttempt(client, email: email, password: password)
        guard response.status == .seeOther, let cookie = setCookie(response, "ww_sessie") else {
            throw LoginFailed(status: response.status.code, body: String(buffer: response.body))
        }
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "ww_sessie=\(cookie)"], body: nil)
        let csrf = hidden("_csrf", in: String(buffer: page.body)) ?? ""
        return WebSession(client: client, cookie: "ww_sessie=\(cookie)", csrf: csrf)
    }

    static func loginAttempt(_ client: some TestClientProtocol, email: String, password: String, token: Bool = true) async throws
        -> TestResponse
    {
        let page = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
        let loginToken = setCookie(page, "ww_login") ?? ""
        var headers = form
        headers[.cookie] = "ww_login=\(loginToken)"
        let body = formBody([
            ("_login", token ? hidden("_login", in: String(buffer: page.body)) ?? "" : "x"), ("email", email), ("password", password)
        ])
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    struct LoginFailed: Error {
        let status: Int
        let body: String
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie], body: nil)
    }

    /// A form POST with the session's CSRF token unless `csrf` says otherwise.
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        var headers = Self.form
        headers[.cookie] = cookie
        let body = Self.formBody([("_csrf", csrf ?? self.csrf)] + fields)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func formBody(_ fields: [(String, String)]) -> String {
        fields.map { "\(TestServer.formEscape($0.0))=\(TestServer.formEscape($0.1))" }.joined(separator: "&")
    }

    static func setCookie(_ response: TestResponse, _ name: String) -> String? {
        for value in response.headers[values: .setCookie] where value.hasPrefix("\(name)=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
