import Foundation
import GRDB
import Hummingbird
import Logging

/// `GET/POST /login`, `POST /logout`. The login form carries its own token (a cookie and a hidden
/// field that must match), so no other site can log someone in under another account.
struct LoginRoutes {
    static let loginForm = FormToken(cookie: "ww_login")

    let web: WebContext

    func register(on pages: WebRouter) {
        pages.router.get("login") { request, _ in loginPage(request: request, message: nil, email: nil, status: .ok) }
        pages.router.post("login") { request, context in await login(request, client: web.client(of: request, context)) }
        pages.post("logout") { page in
            if let token = page.request.cookies[WebRouter.sessionCookie]?.value {
                try await web.database.write { db in try WebSessionStore.delete(token: token, in: db) }
            }
            var response = Pages.redirect("/login")
            response.setCookie(web.cookie(WebRouter.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    private func loginPage(request: Request, message: String?, email: String?, status: HTTPResponse.Status) -> Response {
        let (token, cookie) = Self.loginForm.issue(web)
        var values: [String: Any] = ["loginToken": token]
        if let message { values["message"] = message }
        if let email { values["email"] = email }
        var response = web.pages.render("login", Chrome.page(session: nil, title: "Inloggen", values), status: status)
        response.setCookie(cookie)
        return response
    }

    private func login(_ request: Request, client: String) async -> Response {
        let now = web.clock.now()
        guard let form = try? await WebRouter.form(of: request) else {
            return loginPage(request: request, message: "Het formulier kon niet gelezen worden.", email: nil, status: .badRequest)
        }
        guard Self.loginForm.matches(form, request) else {
            return loginPage(
                request: request, message: "Het inlogformulier was verlopen. Probeer het nog eens.", email: nil, status: .forbidden)
        }
        let email = form.text("email") ?? ""
        let password = form["password"] ?? ""
        guard !email.isEmpty, !password.isEmpty else {
            return loginPage(request: request, message: "Vul je e-mailadres en wachtwoord in.", email: email, status: .badRequest)
        }
        if case .wait(let seconds) = await web.logins.check(account: email, client: client, at: now) {
            let wait = Int(seconds.rounded(.up))
            web.logger.notice("login refused: too many failed attempts", metadata: ["wait": "\(wait)"])
            var response = loginPage(
                request: request, message: "Te veel pogingen. Probeer het over \(Self.duration(wait)) opnieuw.",
                email: email, status: .tooManyRequests)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        do {
            let found = try await web.database.read { db in try ProfessionalStore.credentials(email: email, in: db) }
            guard await Passwords.verify(password, hash: found?.1, dummy: web.dummyHash), let professional = found?.0 else {
                await web.logins.failed(account: email, client: client, at: now)
                return loginPage(
                    request: request, message: "Dit e-mailadres en wachtwoord horen niet bij elkaar.", email: email,
                    status: .unauthorized)
            }
            await web.logins.succeeded(account: email, client: client)
            let token = try await web.database.write { db in
                try AuditLog.record("ingelogd", professionalID: professional.id, personID: nil, at: now, in: db)
                return try WebSessionStore.create(
                    professionalID: professional.id, lifetime: web.config.sessionHours * 3600, at: now, in: db)
            }
            var response = Pages.redirect("/")
            response.setCookie(web.cookie(WebRouter.sessionCookie, token, maxAge: nil))
            response.setCookie(Self.loginForm.cleared(web))
            return response
        } catch {
            web.logger.error("login failed", metadata: ["error": "\(error)"])
            return loginPage(
                request: request, message: "Er ging iets mis. Probeer het zo opnieuw.", email: email, status: .serviceUnavailable)
        }
    }

    /// "1 seconde", "30 seconden", "1 minuut".
    static func duration(_ seconds: Int) -> String {
        if seconds >= 60, seconds % 60 == 0 { return seconds == 60 ? "1 minuut" : "\(seconds / 60) minuten" }
        return seconds == 1 ? "1 seconde" : "\(seconds) seconden"
    }
}
