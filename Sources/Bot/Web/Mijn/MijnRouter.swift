import Foundation
import Hummingbird

/// Registers the inwoner's pages under `/mijn`: every one needs an inwoner's session (else the
/// login page), every POST that session's CSRF token. A professional's session counts for nothing here.
struct MijnRouter {
    static let sessionCookie = "ww_mijn"

    let web: WebContext
    let router: Router<AppRequestContext>

    func get(_ path: RouterPath, _ handler: @escaping @Sendable (MijnRequest) async throws -> Response) {
        let pages = MijnPageHandler(web: web)
        router.get(path) { request, context in await pages.handle(request, context, handler) }
    }

    func post(_ path: RouterPath, _ handler: @escaping @Sendable (MijnRequest) async throws -> Response) {
        let pages = MijnPageHandler(web: web)
        router.post(path) { request, context in await pages.handle(request, context, handler) }
    }
}
