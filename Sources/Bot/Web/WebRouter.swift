import Crypto
import Foundation
import GRDB
import Hummingbird
import Logging

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
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
