import Crypto
import Foundation
import GRDB
import Hummingbird
import Logging

/// Runs one page: the session, the CSRF check, and errors as pages.
struct PageHandler: Sendable {
    let web: WebContext

    func handle(
        _ request: Request, _ context: AppRequestContext,
        _ handler: @Sendable (WebRequest) async throws -> Response
    ) async -> Response {
        do {
            let now = web.clock.now()
            guard let token = request.cookies[WebRouter.sessionCookie]?.value,
                let session = try await web.database.read({ db in try WebSessionStore.find(token: token, at: now, in: db) })
            else {
                if request.method == .get { return Pages.redirect("/login") }
                return error(.unauthorized, "Je bent niet (meer) ingelogd. Log opnieuw in.", session: nil)
            }
            var form = WebForm(pairs: [])
            if request.method == .post {
                form = try await WebRouter.form(of: request)
                guard let sent = form["_csrf"], WebRouter.equal(sent, session.csrfToken) else {
                    return error(
                        .forbidden, "Dit formulier is verlopen of niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
                        session: session)
                }
            }
            do {
                return try await handler(WebRequest(request: request, context: context, session: session, form: form, now: now))
            } catch WebError.notFound {
                return error(.notFound, "Deze pagina bestaat niet, of deze inwoner staat niet op jouw caseload.", session: session)
            } catch WebError.forbidden(let reason) {
                return error(.forbidden, reason, session: session)
            } catch WebError.badRequest(let reason) {
                return error(.badRequest, reason, session: session)
            }
        } catch WebError.badRequest(let reason) {
            return error(.badRequest, reason, session: nil)
        } catch  where StoreFailure.isTransient(error) {
            return self.error(.serviceUnavailable, "Het systeem is even druk. Probeer het zo opnieuw.", session: nil)
        } catch {
            web.logger.error("web page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return self.error(
                .internalServerError, "Er ging iets mis. Probeer het opnieuw; blijft het misgaan, meld het dan.", session: nil)
        }
    }

    func error(_ status: HTTPResponse.Status, _ message: String, session: WebSessionStore.Session?) -> Response {
        web.pages.render(
            "error",
            Chrome.page(
                session: session, title: "Fout \(status.code)",
                ["status": status.code, "message": message]), status: status)
    }
}
