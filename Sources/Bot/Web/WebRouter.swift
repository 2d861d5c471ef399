import Crypto
import Foundation
import GRDB
import Hummingbird
import Logging

/// One request to a page of the web view, from a logged-in professional.
struct WebRequest: Sendable {
    let request: Request
    let context: AppRequestContext
    let session: WebSessionStore.Session
    /// The submitted form of a POST, its CSRF token checked.
    let form: WebForm
    let now: Date

    var professionalID: Int64 { session.professional.id }

    func parameter(_ name: String) throws -> Int64 {
        guard let value = context.parameters.get(name), let id = Int64(value), id > 0 else { throw WebError.notFound }
        return id
    }
}

enum WebError: Error {
    case notFound
    case forbidden(String)
    case badRequest(String)
}

/// Registers pages: every one needs a session (else the login page), every POST a valid CSRF
/// token, and every failure becomes a Dutch HTML page with the right status.
struct WebRouter {
    static let sessionCookie = "ww_sessie"
    static let maxFormBytes = 64 * 1024

    let web: WebContext
    let router: Router<AppRequestContext>

    func get(_ path: RouterPath, _ handler: @escaping @Sendable (WebRequest) async throws -> Response) {
        let pages = PageHandler(web: web)
        router.get(path) { request, context in await pages.handle(request, context, handler) }
    }

    func post(_ path: RouterPath, _ handler: @escaping @Sendable (WebRequest) async throws -> Response) {
        let pages = PageHandler(web: web)
        router.post(path) { request, context in await pages.handle(request, context, handler) }
    }

    static func form(of request: Request) async throws -> WebForm {
        guard let buffer = try? await request.body.collect(upTo: maxFormBytes) else {
            throw WebError.badRequest("Het formulier is te groot.")
        }
        guard let pairs = FormURLEncoded.decode(buffer.readableBytesView) else {
            throw WebError.badRequest("Het formulier kon niet gelezen worden.")
        }
        return WebForm(pairs: pairs)
    }

    /// Constant-time comparison of two tokens.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Runs one page: the session, the CSRF check, and errors as pages.
struct PageHandler: Sendable {
    let web: WebContext

    func handle(_ request: Request, _ context: AppRequestContext,
                        _ handler: @Sendable (WebRequest) async throws -> Response) async -> Response {
        do {
            let now = web.clock.now()
            guard let token = request.cookies[WebRouter.sessionCookie]?.value,
                  let session = try await web.database.reader.read({ db in try WebSessionStore.find(token: token, at: now, in: db) })
            else {
                if request.method == .get { return Pages.redirect("/login") }
                return error(.unauthorized, "Je bent niet (meer) ingelogd. Log opnieuw in.", session: nil)
            }
            var form = WebForm(pairs: [])
            if request.method == .post {
                form = try await WebRouter.form(of: request)
                guard let sent = form["_csrf"], WebRouter.equal(sent, session.csrfToken) else {
                    return error(.forbidden, "Dit formulier is verlopen of niet van deze site. Laad de pagina opnieuw en probeer het nog eens.",
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
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return self.error(.serviceUnavailable, "Het systeem is even druk. Probeer het zo opnieuw.", session: nil)
        } catch {
            web.logger.error("web page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return self.error(.internalServerError, "Er ging iets mis. Probeer het opnieuw; blijft het misgaan, meld het dan.", session: nil)
        }
    }

    func error(_ status: HTTPResponse.Status, _ message: String, session: WebSessionStore.Session?) -> Response {
        web.pages.render("error", Chrome.page(session: session, title: "Fout \(status.code)",
                                                 ["status": status.code, "message": message]), status: status)
    }
}

/// What the layout shows around every page: who is logged in, the CSRF token for the forms.
enum Chrome {
    static func page(session: WebSessionStore.Session?, title: String, _ values: [String: Any]) -> [String: Any] {
        var object = values
        object["title"] = title
        if let session {
            object["user"] = ["email": session.professional.email, "admin": session.professional.isAdmin]
            object["csrf"] = session.csrfToken
        }
        return object
    }
}
