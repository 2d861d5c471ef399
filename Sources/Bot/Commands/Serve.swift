import ArgumentParser
import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

extension Wegwijzer {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the webhooks for SMS (Twilio), WhatsApp, Telegram and the JSON gateway, and the outbox dispatcher.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Config file (YAML or JSON). Secrets come from the environment or WEGWIJZER_SECRETS_FILE.")
        var config: String?

        @Option(help: "Port to listen on (overrides the config file).")
        var port: Int?

        func run() async throws {
            var serveConfig: ServeConfig
            do { serveConfig = try ServeConfig.load(file: config, environment: ProcessInfo.processInfo.environment) } catch {
                throw CLIError("\(error)")
            }
            if let port { serveConfig.port = port }
            var logger = Logger(label: "wegwijzer")
            logger.logLevel = serveConfig.debug ? .debug : .info
            // Migrations run here, before the server listens.
            let database = try global.openDatabase(poolSize: serveConfig.databasePoolSize, logger: logger)
            let app = try buildApplication(
                config: serveConfig, database: database, library: try global.loadFlows(),
                preparerLibraries: try global.loadPreparerFlows(), clock: .system, transport: .live(policy: serveConfig.dispatcher),
                logger: logger)
            try await Self.run(app, logger: logger)
        }

        /// How long SIGTERM or SIGINT may take: requests in flight are answered and sends in flight
        /// cancelled (they go again after their lease, as after a crash); whatever still runs after
        /// this is cancelled.
        static let gracePeriod: Duration = .seconds(5)

        static func run(_ app: some ApplicationProtocol, logger: Logger) async throws {
            var configuration = ServiceGroupConfiguration(
                services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger)
            configuration.maximumGracefulShutdownDuration = gracePeriod
            try await ServiceGroup(configuration: configuration).run()
        }
    }
}
