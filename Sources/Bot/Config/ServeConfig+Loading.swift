import Foundation
import Yams

extension ServeConfig {
    /// Environment variables that hold secrets, per channel.
    enum Secret: String, CaseIterable {
        case twilioAuthToken = "TWILIO_AUTH_TOKEN"
        case whatsappAccessToken = "WHATSAPP_ACCESS_TOKEN"
        case whatsappAppSecret = "WHATSAPP_APP_SECRET"
        case whatsappVerifyToken = "WHATSAPP_VERIFY_TOKEN"
        case telegramBotToken = "TELEGRAM_BOT_TOKEN"
        case telegramSecretToken = "TELEGRAM_SECRET_TOKEN"
        case jsonSecret = "WEGWIJZER_JSON_SECRET"
        case metricsToken = "WEGWIJZER_METRICS_TOKEN"
    }

    /// Reads the config file (if any), then the secrets, and refuses anything unknown or missing.
    static func load(file: String?, environment: [String: String]) throws -> ServeConfig {
        let tree = try file.map(tree) ?? [:]
        var secrets = environment
        if let path = environment["WEGWIJZER_SECRETS_FILE"] ?? (tree["secrets_file"] as? String) {
            for (key, value) in try readSecretsFile(path) where secrets[key] == nil { secrets[key] = value }
        }
        return try ConfigReader(tree: tree, secrets: secrets, environment: environment).read()
    }

    /// Only the `retention` section of a config file (nil when it has none), for the commands
    /// besides `serve`: they need no channel secrets.
    static func retention(file: String) throws -> RetentionSettings? {
        try ConfigReader(tree: tree(file: file), secrets: [:], environment: [:]).retention()
    }

    private static func tree(file: String) throws -> [String: Any] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ConfigError("cannot read config file \(file)") }
        do {
            guard let loaded = try Yams.load(yaml: text) else { throw ConfigError("config file \(file) is empty") }
            guard let object = loaded as? [String: Any] else {
                throw ConfigError("config file \(file) must be a mapping of keys to values")
            }
            return object
        } catch let error as ConfigError { throw error } catch {
            throw ConfigError("config file \(file) is not valid YAML or JSON: \(error)")
        }
    }

    /// `KEY=value` lines; the file must not be readable by group or others.
    static func readSecretsFile(_ path: String) throws -> [String: String] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int
        else {
            throw ConfigError("cannot read secrets file \(path)")
        }
        guard permissions & 0o077 == 0 else {
            throw ConfigError("secrets file \(path) can be read by others (mode \(String(permissions, radix: 8))); chmod 600 it")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ConfigError("cannot read secrets file \(path)") }
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            result[String(line[..<eq]).trimmingCharacters(in: .whitespaces)] = String(line[line.index(after: eq)...]).trimmingCharacters(
                in: .whitespaces)
        }
        return result
    }
}

/// Walks the config tree; every key must be known, every enabled channel complete.
struct ConfigReader {
    let tree: [String: Any]
    let secrets: [String: String]
    let environment: [String: String]

    func read() throws -> ServeConfig {
        var config = ServeConfig()
        try only(
            tree,
            [
                "host", "port", "public_url", "rate_limit_per_minute", "max_batch", "db_pool_size", "debug", "secrets_file", "channels",
                "dispatcher", "web",
                "metrics", "retention"
            ], "")
        config.host = environment["WEGWIJZER_HOST"] ?? (tree["host"] as? String) ?? config.host
        config.port = try int(environment["WEGWIJZER_PORT"] ?? tree["port"], "port") ?? config.port
        config.publicURL = environment["WEGWIJZER_PUBLIC_URL"] ?? (tree["public_url"] as? String) ?? "http://\(config.host):\(config.port)"
        config.rateLimitPerMinute = try int(tree["rate_limit_per_minute"], "rate_limit_per_minute") ?? config.rateLimitPerMinute
        config.maxBatch = try int(tree["max_batch"], "max_batch") ?? config.maxBatch
        guard config.maxBatch >= 1 else { throw ConfigError("max_batch must be at least 1") }
        config.databasePoolSize = try int(tree["db_pool_size"], "db_pool_size") ?? config.databasePoolSize
        guard (1...100).contains(config.databasePoolSize) else { throw ConfigError("db_pool_size must be from 1 to 100") }
        config.debug = (tree["debug"] as? Bool) ?? false
        if let d = tree["dispatcher"] as? [String: Any] {
            try only(
                d, ["max_attempts", "base_delay_seconds", "connect_timeout_seconds", "read_timeout_seconds", "lease_seconds"], "dispatcher."
            )
            config.dispatcher.maxAttempts = try int(d["max_attempts"], "dispatcher.max_attempts") ?? config.dispatcher.maxAttempts
            config.dispatcher.baseDelay =
                try double(d["base_delay_seconds"], "dispatcher.base_delay_seconds") ?? config.dispatcher.baseDelay
            config.dispatcher.connectTimeout =
                try double(d["connect_timeout_seconds"], "dispatcher.connect_timeout_seconds") ?? config.dispatcher.connectTimeout
            config.dispatcher.readTimeout =
                try double(d["read_timeout_seconds"], "dispatcher.read_timeout_seconds") ?? config.dispatcher.readTimeout
            config.dispatcher.lease = try double(d["lease_seconds"], "dispatcher.lease_seconds") ?? config.dispatcher.lease
            // A lease shorter than one send could run out while the send is still under way and send twice.
            guard config.dispatcher.lease > config.dispatcher.connectTimeout + config.dispatcher.readTimeout else {
                throw ConfigError("dispatcher.lease_seconds must be longer than connect_timeout_seconds + read_timeout_seconds")
            }
        }
        if let w = tree["web"] {
            guard let web = w as? [String: Any] else { throw ConfigError("web must be a mapping") }
            try only(web, ["enabled", "plain_http", "bcrypt_cost", "session_hours", "login_attempts", "trusted_proxies"], "web.")
            config.web.trustedProxies = try addresses(web["trusted_proxies"], "web.trusted_proxies")
            config.web.enabled = (web["enabled"] as? Bool) ?? true
            config.web.plainHTTP = (web["plain_http"] as? Bool) ?? false
            config.web.bcryptCost = try int(web["bcrypt_cost"], "web.bcrypt_cost") ?? config.web.bcryptCost
            config.web.sessionHours = try double(web["session_hours"], "web.session_hours") ?? config.web.sessionHours
            config.web.loginAttempts = try int(web["login_attempts"], "web.login_attempts") ?? config.web.loginAttempts
            guard (4...31).contains(config.web.bcryptCost) else { throw ConfigError("web.bcrypt_cost must be between 4 and 31") }
            if config.web.plainHTTP, !["127.0.0.1", "::1", "localhost"].contains(config.host) {
                throw ConfigError("web.plain_http is only allowed when host is a loopback address (127.0.0.1, ::1 or localhost)")
            }
        }
        config.metrics = try metrics(port: config.port)
        config.retention = try retention()
        let channels = tree["channels"] as? [String: Any] ?? [:]
        try only(channels, ["twilio", "whatsapp", "telegram", "json"], "channels.")
        if let t = try section(channels, "twilio", ["account_sid", "from", "messaging_service_sid", "api_base", "reply_mode"]) {
            var twilio = ServeConfig.Twilio(
                accountSid: try required(t, "account_sid", "channels.twilio"),
                authToken: try secret(.twilioAuthToken, "twilio"))
            twilio.from = t["from"] as? String
            twilio.messagingServiceSid = t["messaging_service_sid"] as? String
            guard twilio.from != nil || twilio.messagingServiceSid != nil else {
                throw ConfigError("channels.twilio needs 'from' or 'messaging_service_sid'")
            }
            twilio.apiBase = t["api_base"] as? String ?? twilio.apiBase
            if let mode = t["reply_mode"] as? String {
                guard let m = ServeConfig.Twilio.ReplyMode(rawValue: mode) else {
                    throw ConfigError("channels.twilio.reply_mode must be twiml or rest")
                }
                twilio.replyMode = m
            }
            config.twilio = twilio
        }
        if let w = try section(channels, "whatsapp", ["phone_number_id", "api_base", "api_version", "template", "template_language"]) {
            var whatsapp = ServeConfig.WhatsApp(
                phoneNumberID: try required(w, "phone_number_id", "channels.whatsapp"),
                accessToken: try secret(.whatsappAccessToken, "whatsapp"), appSecret: try secret(.whatsappAppSecret, "whatsapp"),
                verifyToken: try secret(.whatsappVerifyToken, "whatsapp"))
            whatsapp.apiBase = w["api_base"] as? String ?? whatsapp.apiBase
            whatsapp.apiVersion = w["api_version"] as? String ?? whatsapp.apiVersion
            whatsapp.template = w["template"] as? String ?? whatsapp.template
            whatsapp.templateLanguage = w["template_language"] as? String ?? whatsapp.templateLanguage
            config.whatsapp = whatsapp
        }
        if let t = try section(channels, "telegram", ["api_base"]) {
            var telegram = ServeConfig.Telegram(
                botToken: try secret(.telegramBotToken, "telegram"),
                secretToken: try secret(.telegramSecretToken, "telegram"))
            telegram.apiBase = t["api_base"] as? String ?? telegram.apiBase
            config.telegram = telegram
        }
        if let j = try section(channels, "json", ["send_url"]) {
            var json = ServeConfig.JSONGateway(secret: try secret(.jsonSecret, "json"))
            if let url = j["send_url"] {
                guard let url = url as? String, url.hasPrefix("https://") || url.hasPrefix("http://") else {
                    throw ConfigError("channels.json.send_url must be an http:// or https:// URL")
                }
                json.sendURL = url
            }
            config.json = json
        }
        return config
    }

    /// A channel's settings when it is switched on (`enabled: true`), else nil.
    func section(_ channels: [String: Any], _ name: String, _ keys: [String]) throws -> [String: Any]? {
        guard let value = channels[name] else { return nil }
        guard let section = value as? [String: Any] else { throw ConfigError("channels.\(name) must be a mapping") }
        try only(section, ["enabled"] + keys, "channels.\(name).")
        return (section["enabled"] as? Bool ?? false) ? section : nil
    }

    func only(_ object: [String: Any], _ allowed: [String], _ prefix: String) throws {
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw ConfigError("unknown config key '\(prefix)\(key)' (known: \(allowed.map { prefix + $0 }.joined(separator: ", ")))")
        }
    }

    func required(_ object: [String: Any], _ key: String, _ prefix: String) throws -> String {
        guard let value = object[key].map({ "\($0)" }), !value.isEmpty else {
            throw ConfigError("\(prefix) is switched on but '\(prefix).\(key)' is missing")
        }
        return value
    }

    func secret(_ secret: ServeConfig.Secret, _ channel: String) throws -> String {
        guard let value = secrets[secret.rawValue], !value.isEmpty else {
            throw ConfigError(
                "channel \(channel) is switched on but its secret \(secret.rawValue) is not set (environment or secrets file)")
        }
        return value
    }

    func int(_ value: Any?, _ key: String) throws -> Int? {
        guard let value else { return nil }
        if let n = value as? Int { return n }
        if let s = value as? String, let n = Int(s) { return n }
        throw ConfigError("'\(key)' must be a whole number")
    }

    func double(_ value: Any?, _ key: String) throws -> Double? {
        guard let value else { return nil }
        if let n = value as? Double { return n }
        if let n = value as? Int { return Double(n) }
        throw ConfigError("'\(key)' must be a number")
    }
}
