import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging

/// Runs one page of Mijn Wegwijzer: the inwoner's session (its idle time started again), the CSRF
/// check, and every failure as a page in the inwoner's language with the right status.
struct MijnPageHandler: Sendable {
    let web: WebContext

    func handle(
        _ request: Request, _ context: AppRequestContext,
        _ handler: @Sendable (MijnRequest) async throws -> Response
    ) async -> Response {
        var language = MijnChrome.language(of: request)
        do {
            let now = web.clock.now()
            guard let token = request.cookies[MijnRouter.sessionCookie]?.value,
                let (session, spoken) = try await web.database.write({ db -> (InwonerSessionStore.Session, Language)? in
                    guard let session = try InwonerSessionStore.touch(token: token, at: now, in: db) else { return nil }
                    return (session, try PersonStore.language(personID: session.personID, in: db))
                })
            else {
                if request.method == .get { return Pages.redirect("/mijn/inloggen") }
                return error(.unauthorized, "fout_niet_ingelogd", language: language, session: nil)
            }
            language = spoken
            var form = WebForm(pairs: [])
            if request.method == .post {
                form = try await WebRouter.form(of: request)
                guard let sent = form["_csrf"], WebRouter.equal(sent, session.csrfToken) else {
                    return error(.forbidden, "fout_formulier_verlopen", language: language, session: session)
                }
            }
            do {
                return try await handler(
                    MijnRequest(request: request, context: context, session: session, language: language, form: form, now: now))
            } catch WebError.notFound {
                return error(.notFound, "fout_niet_gevonden", language: language, session: session)
            } catch WebError.forbidden(let key) {
                return error(.forbidden, key, language: language, session: session)
            } catch WebError.badRequest(let key) {
                return error(.badRequest, key, language: language, session: session)
            }
        } catch WebError.badRequest(let key) {
            return error(.badRequest, key, language: language, session: nil)
        } catch  where StoreFailure.isTransient(error) {
            return self.error(.serviceUnavailable, "fout_druk", language: language, session: nil)
        } catch {
            web.logger.error("inwoner page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return self.error(.internalServerError, "fout_onbekend", language: language, session: nil)
        }
    }

    /// `key` names the reason in the texts (`WebError` on these pages carries keys, not words).
    func error(_ status: HTTPResponse.Status, _ key: String, language: Language, session: InwonerSessionStore.Session?) -> Response {
        let values = MijnChrome(web: web, language: language, session: session).page(
            title: "\(web.texts.text("fout", language)) \(status.code)", ["status": status.code, "message": web.texts.text(key, language)])
        return web.pages.render("mijn-fout", values, status: status)
    }
}
