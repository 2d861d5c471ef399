import Foundation
import Hummingbird
import Logging

/// The professionals' web view under `/`: pages rendered on the server, no JavaScript.
enum WebRoutes {
    static func register(on router: Router<AppRequestContext>, web: WebContext) {
        let pages = WebRouter(web: web, router: router)
        LoginRoutes(web: web).register(on: pages)
        CaseloadRoutes(web: web).register(on: pages)
        InwonerRoutes(web: web).register(on: pages)
        SamenRoutes(web: web).register(on: pages)
        AlertRoutes(web: web).register(on: pages)
        PrivacyRoutes(web: web).register(on: pages)
        AdminRoutes(web: web).register(on: pages)
        let mijn = MijnRouter(web: web, router: router)
        MijnLoginRoutes(web: web).register(on: mijn)
        MijnPlanRoutes(web: web).register(on: mijn)
        MijnStandRoutes(web: web).register(on: mijn)
        MijnMensenRoutes(web: web).register(on: mijn)
        MijnGegevensRoutes(web: web).register(on: mijn)
        MijnGesprekRoutes(web: web).register(on: mijn)
        OmgevingLinkRoutes(web: web).register(on: router)
        let css = (try? Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Static/app.css"))) ?? Data()
        router.get("static/app.css") { _, _ in
            var headers = Pages.securityHeaders
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: css)))
        }
    }

    static func context(
        config: ServeConfig.Web, publicURL: String, service: ConversationService, clock: WallClock, logger: Logger
    ) throws -> WebContext {
        WebContext(
            config: config, publicURL: publicURL, service: service, pages: try Pages.load(), texts: try WebTexts.load(), clock: clock,
            logins: LoginLimiter(freePerPair: config.loginAttempts), inwonerLogins: InwonerLoginLimits(),
            dummyHash: Passwords.hash("dummy", cost: config.bcryptCost),
            logger: logger)
    }
}
