import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging

/// Builds the whole server: the same function for `wegwijzer serve` and for the tests.
/// `inspectRoutes` sees the finished router (the docs test lists its routes from it).
func buildApplication(
    config: ServeConfig, database: AppDatabase, library: FlowLibrary, preparerLibraries: [FlowLibrary] = [], clock: WallClock,
    transport: HTTPTransport, logger: Logger, runDispatcher: Bool = true,
    inspectRoutes: (Router<AppRequestContext>) -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let service = try ConversationService(database: database, library: library, preparerLibraries: preparerLibraries)
    let metrics = ServerMetrics()
    let batcher = InboundBatcher(
        service: service, maxBatch: config.maxBatch, writers: database.concurrentWriters,
        onBatch: { metrics.recordBatch(messages: $0, took: $1) })
    let context = WebhookContext(
        config: config, service: service, metrics: metrics,
        rateLimiter: RateLimiter(limit: config.rateLimitPerMinute), batcher: batcher,
        clock: clock, logger: logger)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: WebhookHeaders())
    let health = HealthRoutes(database: database, metrics: metrics, clock: clock)
    health.registerHealth(on: router)
    if config.metrics.port == nil {
        health.registerMetrics(on: router, access: MetricsAccess(token: config.metrics.token, ownListener: false))
    }
    if let twilio = config.twilio { TwilioRoutes(context: context, twilio: twilio).register(on: router) }
    if let whatsapp = config.whatsapp { WhatsAppRoutes(context: context, whatsapp: whatsapp).register(on: router) }
    if let telegram = config.telegram { TelegramRoutes(context: context, telegram: telegram).register(on: router) }
    if let json = config.json { GenericRoutes(context: context, gateway: json).register(on: router) }
    if config.web.enabled {
        WebRoutes.register(
            on: router,
            web: try WebRoutes.context(config: config.web, publicURL: config.publicURL, service: service, clock: clock, logger: logger))
    }
    inspectRoutes(router)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "wegwijzer"),
        logger: logger)
    if let port = config.metrics.port {
        // A listener of its own, on loopback only (the config refuses any other host).
        let metricsRouter = Router(context: AppRequestContext.self)
        health.registerMetrics(on: metricsRouter, access: MetricsAccess(token: config.metrics.token, ownListener: true))
        app.addServices(
            Application(
                router: metricsRouter,
                configuration: .init(
                    address: .hostname(config.metrics.host, port: port),
                    serverName: "wegwijzer-metrics"), logger: logger))
    }
    if let pool = database.sqlite as? DatabasePool {
        app.addServices(WALCheckpointer(pool: pool, logger: logger))
        app.addServices(ErasureFinisher(database: database, clock: clock, logger: logger))
    }
    if runDispatcher {
        app.addServices(
            OutboxDispatcher(
                database: database, senders: Senders.make(config, transport: transport),
                policy: config.dispatcher, clock: clock, metrics: metrics, logger: logger))
        app.addServices(SchedulerService(runner: JobRunner(service: service), clock: clock, interval: 15, logger: logger))
        if let retention = config.retention {
            app.addServices(
                RetentionService(retention: RetentionPolicy(settings: retention, database: database, clock: clock), logger: logger))
        }
    }
    return app
}

enum Senders {
    static func make(_ config: ServeConfig, transport: HTTPTransport) -> [String: any MessageSender] {
        var senders: [String: any MessageSender] = [:]
        if let t = config.twilio { senders["sms"] = TwilioSender(config: t, transport: transport) }
        if let w = config.whatsapp { senders["whatsapp"] = WhatsAppSender(config: w, transport: transport) }
        if let t = config.telegram { senders["telegram"] = TelegramSender(config: t, transport: transport) }
        if let j = config.json, let url = j.sendURL {
            senders["json"] = JSONGatewaySender(sendURL: url, secret: j.secret, transport: transport)
        }
        return senders
    }
}
