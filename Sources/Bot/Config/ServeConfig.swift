import Foundation

/// Everything `wegwijzer serve` needs, from a config file (YAML or JSON) and the environment.
/// Secrets come only from environment variables or a secrets file that only its owner can read.
struct ServeConfig: Sendable {
    struct Twilio: Sendable {
        var accountSid: String
        var authToken: String
        var from: String?
        var messagingServiceSid: String?
        var apiBase = "https://api.twilio.com"
        /// Reply inside the webhook response (TwiML) or later through the REST API.
        var replyMode: ReplyMode = .twiml
        enum ReplyMode: String, Sendable { case twiml, rest }
    }

    struct WhatsApp: Sendable {
        var phoneNumberID: String
        var accessToken: String
        var appSecret: String
        var verifyToken: String
        var apiBase = "https://graph.facebook.com"
        var apiVersion = "v26.0"
        /// The approved template for messages outside the 24-hour window; its one parameter is the text.
        var template = "wegwijzer_bericht"
        var templateLanguage = "nl"
    }

    struct Telegram: Sendable {
        var botToken: String
        var secretToken: String
        var apiBase = "https://api.telegram.org"
    }

    struct JSONGateway: Sendable {
        var secret: String
        /// Where later messages go (`channels.json.send_url`); without it they stay in the outbox.
        var sendURL: String?
    }

    var host = "127.0.0.1"
    var port = 8080
    /// The public base URL providers call (Twilio signs the URL it requested, not our Host header).
    var publicURL = "http://127.0.0.1:8080"
    var rateLimitPerMinute = 20
    /// The most inbound messages one write transaction takes (group commit); 1 commits each on its own.
    var maxBatch = 64
    /// Connections to a PostgreSQL store (`db_pool_size`): one drains the inbound batches, the
    /// others serve the outbox, the scheduler and the web pages. A SQLite file has no pool.
    var databasePoolSize = 8
    var maxBodyBytes = 64 * 1024
    var debug = false
    var twilio: Twilio?
    var whatsapp: WhatsApp?
    var telegram: Telegram?
    var json: JSONGateway?
    var dispatcher = DispatchPolicy()
    var web = Web()

    /// The professionals' web view under `/`.
    struct Web: Sendable {
        var enabled = true
        /// Session cookies without `Secure`, for plain HTTP; allowed only on a loopback address.
        var plainHTTP = false
        var bcryptCost = 12
        var sessionHours = 8.0
        /// Failed logins per account and client address before each further attempt waits (`LoginLimiter`).
        var loginAttempts = 5
        /// Reverse proxies (IP addresses, in `ClientAddress.normalized` form) whose `X-Forwarded-For`
        /// names the client. None by default: the header is then ignored, as anyone can send it.
        var trustedProxies: Set<String> = []
    }

    /// Who may read `/metrics`: with `token`, only a request with `Authorization: Bearer <token>`;
    /// with `port`, it is served on a listener of its own on `host` (loopback only) and not on the
    /// main port. With neither, the main port answers it only to a loopback client (see `MetricsAccess`).
    struct Metrics: Sendable {
        var token: String?
        var port: Int?
        var host = "127.0.0.1"
    }

    var metrics = Metrics()
    /// The bewaartermijn; nil: inactive inwoners are kept (the default).
    var retention: RetentionSettings?
}
