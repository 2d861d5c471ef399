import Dialog
import Foundation
import Hummingbird
import Logging

/// What every page of the professionals' web view shares.
struct WebContext: Sendable {
    let config: ServeConfig.Web
    let service: ConversationService
    let pages: Pages
    /// The words of the inwoner's pages, per language.
    let texts: WebTexts
    let clock: WallClock
    let logins: LoginLimiter
    /// A hash of the configured cost, checked when an unknown address tries to log in.
    let dummyHash: String
    let logger: Logger

    var database: AppDatabase { service.database }
    var library: FlowLibrary { service.library }
    var catalog: Catalog { service.library.catalog }

    /// Who sent the request (the connection's address, or what a trusted proxy says).
    func client(of request: Request, _ context: AppRequestContext) -> String {
        ClientAddress.of(peer: context.remoteAddress, headers: request.headers, trustedProxies: config.trustedProxies)
    }

    /// A label from the flow texts, in Dutch (the web view's language).
    func label(_ list: String, _ key: String) -> String {
        let full = "\(list).\(key)"
        return catalog.has(full) ? catalog.text(full, .nl) : key
    }
}
