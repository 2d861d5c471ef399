import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import Bot

/// A browser's worth of state for one inwoner on Mijn Wegwijzer: the session cookie and the CSRF token.
struct MijnSession {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    /// Asks for a code through the real form; returns the code page's response and its login token cookie.
    static func askCode(_ client: some TestClientProtocol, phone: String) async throws -> (response: TestResponse, login: String) {
        let page = try await client.execute(uri: "/mijn/inloggen", method: .get, headers: [:], body: nil)
        let token = WebSession.setCookie(page, "ww_mijn_login") ?? ""
        var headers = WebSession.form
        headers[.cookie] = "ww_mijn_login=\(token)"
        let body = WebSession.formBody([("_login", WebSession.hidden("_login", in: String(buffer: page.body)) ?? ""), ("telefoon", phone)])
        let response = try await client.execute(uri: "/mijn/code", method: .post, headers: headers, body: ByteBuffer(string: body))
        return (response, WebSession.setCookie(response, "ww_mijn_login") ?? token)
    }

    /// Types a code on the code page that `asked` returned.
    static func enter(
        _ client: some TestClientProtocol, code: String, phone: String, after asked: (response: TestResponse, login: String)
    ) async throws -> TestResponse {
        var headers = WebSession.form
        headers[.cookie] = "ww_mijn_login=\(asked.login)"
        let hidden = WebSession.hidden("_login", in: String(buffer: asked.response.body)) ?? ""
        let body = WebSession.formBody([("_login", hidden), ("telefoon", phone), ("code", code)])
        return try await client.execute(uri: "/mijn/inloggen", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Logs in with the code read from the outbox, as the inwoner reads it from their phone.
    static func login(_ client: some TestClientProtocol, phone: String, fixture: WebFixture) async throws -> MijnSession {
        let asked = try await askCode(client, phone: phone)
        guard let sent = try fixture.lastOutbox(), sent.key == "mijn.code", let code = Self.code(in: sent.text) else {
            throw WebSession.LoginFailed(status: asked.response.status.code, body: "no code in the outbox")
        }
        let response = try await enter(client, code: code, phone: phone, after: asked)
        guard response.status == .seeOther, let cookie = WebSession.setCookie(response, "ww_mijn") else {
            throw WebSession.LoginFailed(status: response.status.code, body: String(buffer: response.body))
        }
        return try await session(client, cookie: cookie)
    }

    static func session(_ client: some TestClientProtocol, cookie: String) async throws -> MijnSession {
        let page = try await client.execute(uri: "/mijn", method: .get, headers: [.cookie: "ww_mijn=\(cookie)"], body: nil)
        return MijnSession(
            client: client, cookie: "ww_mijn=\(cookie)", csrf: WebSession.hidden("_csrf", in: String(buffer: page.body)) ?? "")
    }

    /// The six digits in a message.
    static func code(in text: String) -> String? {
        guard let range = text.range(of: #"\b[0-9]{6}\b"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie], body: nil)
    }

    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        var headers = WebSession.form
        headers[.cookie] = cookie
        let body = WebSession.formBody([("_csrf", csrf ?? self.csrf)] + fields)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
