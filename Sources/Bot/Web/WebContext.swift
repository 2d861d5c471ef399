import Dialog
import Foundation
import Hummingbird
import Logging

/// What every page of the web view shares, the professionals' and the inwoner's (Mijn Wegwijzer).
struct WebContext: Sendable {
    let config: ServeConfig.Web
    /// Where the site is reached from outside, for links in messages.
    let publicURL: String
    let service: ConversationService
    let pages: Pages
    /// The words of the inwoner's pages, per language.
    let texts: WebTexts
    let clock: WallClock
    let logins: LoginLimiter
    let inwonerLogins: InwonerLoginLimits
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

    /// An address of the site as someone outside reaches it, for a link in a message.
    func link(_ path: String) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// A cookie of the site: never readable by scripts, never sent by another site's request, and
    /// only over HTTPS unless the site runs on plain HTTP on a loopback address.
    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: !config.plainHTTP, httpOnly: true, sameSite: .strict)
    }

    /// A label from the flow texts, in Dutch (the professionals' language) unless told.
    func label(_ list: String, _ key: String, _ language: Language = .nl) -> String {
        let full = "\(list).\(key)"
        return catalog.has(full) ? catalog.text(full, language) : key
    }
}
