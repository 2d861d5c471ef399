import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging

/// Logging in to Mijn Wegwijzer without a password: the inwoner types their phone number and gets
/// a 6-digit code over their own channel, or opens a one-time link their professional sent. The
/// pages answer alike for a known and an unknown number, so they tell nobody who is enrolled.
/// The login forms carry their own token (a cookie and a hidden field that must match), as the
/// professionals' login does.
struct MijnLoginRoutes {
    static let loginForm = FormToken(cookie: "ww_mijn_login")

    let web: WebContext

    func register(on mijn: MijnRouter) {
        mijn.router.get("mijn/inloggen") { request, _ in
            let language = MijnChrome.language(of: request)
            return phonePage(language: language, message: nil, status: .ok)
        }
        mijn.router.post("mijn/code") { request, context in
            await askCode(request, client: web.client(of: request, context))
        }
        mijn.router.post("mijn/inloggen") { request, context in
            await logIn(request, client: web.client(of: request, context))
        }
        mijn.router.get("mijn/link/:token") { request, context in
            let language = MijnChrome.language(of: request)
            let token = context.parameters.get("token") ?? ""
            let now = web.clock.now()
            guard (try? await web.database.read({ db in try LoginLinkStore.isValid(token, at: now, in: db) })) == true else {
                return phonePage(language: language, message: "link_werkt_niet", status: .notFound)
            }
            // A page with a button, not a login on GET: a messenger that fetches the link for a
            // preview must not use it up.
            return loginPage("mijn-link", language: language, values: ["token": token], status: .ok)
        }
        mijn.router.post("mijn/link/:token") { request, context in
            await useLink(request, token: context.parameters.get("token") ?? "")
        }
        mijn.post("mijn/uitloggen") { page in
            if let token = page.request.cookies[MijnRouter.sessionCookie]?.value {
                try await web.database.write { db in
                    try InwonerSessionStore.delete(token: token, in: db)
                    try AuditLog.record("inwoner uitgelogd", professionalID: nil, personID: page.personID, at: page.now, in: db)
                }
            }
            var response = Pages.redirect("/mijn/inloggen?lang=\(page.language.rawValue)&uit=1")
            response.setCookie(web.cookie(MijnRouter.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    // MARK: - Pages

    private func phonePage(language: Language, message: String?, status: HTTPResponse.Status) -> Response {
        loginPage(
            "mijn-inloggen", language: language, values: message.map { ["message": web.texts.text($0, language)] } ?? [:], status: status)
    }

    private func codePage(
        language: Language, phone: String, message: String?, status: HTTPResponse.Status
    ) -> Response {
        var values: [String: Any] = ["phone": phone]
        if let message { values["message"] = web.texts.text(message, language) }
        return loginPage("mijn-code", language: language, values: values, status: status)
    }

    private func loginPage(
        _ template: String, language: Language, values: [String: Any], status: HTTPResponse.Status
    ) -> Response {
        let (token, cookie) = Self.loginForm.issue(web)
        var values = values
        values["loginToken"] = token
        let object = MijnChrome(web: web, language: language, session: nil).page(title: web.texts.text("inloggen_titel", language), values)
        var response = web.pages.render(template, object, status: status)
        response.setCookie(cookie)
        return response
    }

    // MARK: - Actions

    /// The form, its login token checked, and the phone number typed in it (E.164); a page to show
    /// instead when the form cannot be used or the number is not one.
    private func checkedForm(_ request: Request, needsPhone: Bool = true) async -> (WebForm, Language, String?, Response?) {
        guard let form = try? await WebRouter.form(of: request) else {
            let language = MijnChrome.language(of: request)
            return (WebForm(pairs: []), language, nil, phonePage(language: language, message: "fout_formulier", status: .badRequest))
        }
        let language = MijnChrome.language(of: request, form: form)
        guard Self.loginForm.matches(form, request) else {
            return (form, language, nil, phonePage(language: language, message: "fout_formulier_verlopen", status: .forbidden))
        }
        guard needsPhone else { return (form, language, nil, nil) }
        guard case .valid(let phone) = PhoneParser.normalize(form.text("telefoon") ?? "", allowInternational: true) else {
            return (form, language, nil, phonePage(language: language, message: "telefoon_klopt_niet", status: .badRequest))
        }
        return (form, language, phone, nil)
    }

    private func askCode(_ request: Request, client: String) async -> Response {
        let now = web.clock.now()
        let (_, language, phone, refused) = await checkedForm(request)
        guard let phone else { return refused ?? phonePage(language: language, message: "fout_formulier", status: .badRequest) }
        guard await web.inwonerLogins.mayAskCode(phone: phone, client: client, at: now) else {
            web.logger.notice("login code refused: asked too often", metadata: ["from": "\(LogPrivacy.mask(phone))"])
            var response = phonePage(language: language, message: "te_vaak_code", status: .tooManyRequests)
            response.headers[.retryAfter] = "\(Int(InwonerLoginLimits.window))"
            return response
        }
        do {
            try await web.database.write { db in try sendCode(to: phone, at: now, in: db) }
        } catch {
            web.logger.error("login code failed", metadata: ["error": "\(error)"])
            return phonePage(language: language, message: "fout_druk", status: .serviceUnavailable)
        }
        return codePage(language: language, phone: phone, message: nil, status: .ok)
    }

    /// A code for an enrolled inwoner who can be reached and did not say STOP; for anyone else
    /// nothing, and the page says the same.
    private func sendCode(to phone: String, at now: Date, in db: any SQLConnection) throws {
        guard let personID = try PersonStore.id(phone: phone, in: db), try PersonStore.isInwoner(personID: personID, in: db),
            try !PersonStore.optedOut(personID: personID, in: db)
        else { return }
        let code = try LoginCodeStore.issue(personID: personID, at: now, in: db)
        guard try Notice.queue("mijn.code", vars: ["code": .text(code)], to: personID, library: web.library, at: now, in: db) != nil
        else { return }
        try AuditLog.record("inwoner: inlogcode gestuurd", professionalID: nil, personID: personID, at: now, in: db)
    }

    private func logIn(_ request: Request, client: String) async -> Response {
        let now = web.clock.now()
        let (form, language, phone, refused) = await checkedForm(request)
        guard let phone else { return refused ?? phonePage(language: language, message: "fout_formulier", status: .badRequest) }
        let code = (form.text("code") ?? "").filter { !$0.isWhitespace }
        guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            return codePage(language: language, phone: phone, message: "code_zes_cijfers", status: .badRequest)
        }
        if case .wait(let seconds) = await web.inwonerLogins.guesses.check(account: phone, client: client, at: now) {
            var response = codePage(language: language, phone: phone, message: "te_vaak_fout", status: .tooManyRequests)
            response.headers[.retryAfter] = "\(Int(seconds.rounded(.up)))"
            return response
        }
        do {
            let token = try await web.database.write { db -> String? in
                guard let personID = try PersonStore.id(phone: phone, in: db),
                    try LoginCodeStore.check(code, personID: personID, at: now, in: db) == .valid
                else { return nil }
                try AuditLog.record("inwoner ingelogd met code", professionalID: nil, personID: personID, at: now, in: db)
                return try InwonerSessionStore.create(personID: personID, at: now, in: db)
            }
            guard let token else {
                await web.inwonerLogins.guesses.failed(account: phone, client: client, at: now)
                return codePage(language: language, phone: phone, message: "code_klopt_niet", status: .unauthorized)
            }
            await web.inwonerLogins.guesses.succeeded(account: phone, client: client)
            return loggedIn(token: token)
        } catch {
            web.logger.error("inwoner login failed", metadata: ["error": "\(error)"])
            return codePage(language: language, phone: phone, message: "fout_druk", status: .serviceUnavailable)
        }
    }

    private func useLink(_ request: Request, token link: String) async -> Response {
        let now = web.clock.now()
        let (_, language, _, refused) = await checkedForm(request, needsPhone: false)
        if let refused { return refused }
        do {
            let token = try await web.database.write { db -> String? in
                guard let personID = try LoginLinkStore.use(link, at: now, in: db), try PersonStore.isInwoner(personID: personID, in: db)
                else { return nil }
                try AuditLog.record("inwoner ingelogd met link", professionalID: nil, personID: personID, at: now, in: db)
                return try InwonerSessionStore.create(personID: personID, at: now, in: db)
            }
            guard let token else { return phonePage(language: language, message: "link_werkt_niet", status: .notFound) }
            return loggedIn(token: token)
        } catch {
            web.logger.error("inwoner login by link failed", metadata: ["error": "\(error)"])
            return phonePage(language: language, message: "fout_druk", status: .serviceUnavailable)
        }
    }

    private func loggedIn(token: String) -> Response {
        var response = Pages.redirect("/mijn")
        response.setCookie(web.cookie(MijnRouter.sessionCookie, token, maxAge: nil))
        response.setCookie(Self.loginForm.cleared(web))
        return response
    }
}
