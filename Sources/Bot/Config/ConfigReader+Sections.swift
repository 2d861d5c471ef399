import Foundation

/// The sections about operation: who may read `/metrics`, the bewaartermijn, and trusted proxies.
extension ConfigReader {
    /// `metrics: {token, port, host}`; the token may also come from `WEGWIJZER_METRICS_TOKEN`
    /// (environment or secrets file), which wins, so the config file need hold no secret.
    func metrics(port mainPort: Int) throws -> ServeConfig.Metrics {
        var metrics = ServeConfig.Metrics()
        if let value = tree["metrics"] {
            guard let section = value as? [String: Any] else { throw ConfigError("metrics must be a mapping") }
            try only(section, ["token", "port", "host"], "metrics.")
            metrics.token = section["token"].map { "\($0)" }
            metrics.port = try int(section["port"], "metrics.port")
            metrics.host = section["host"] as? String ?? metrics.host
        }
        if let token = secrets[ServeConfig.Secret.metricsToken.rawValue], !token.isEmpty { metrics.token = token }
        if let token = metrics.token, token.count < 16 {
            throw ConfigError("metrics.token must be at least 16 characters (or set WEGWIJZER_METRICS_TOKEN)")
        }
        if let port = metrics.port {
            guard (1...65535).contains(port), port != mainPort else {
                throw ConfigError("metrics.port must be a port number other than the main port")
            }
            guard ["localhost"].contains(metrics.host) || ClientAddress.normalized(metrics.host).map(ClientAddress.isLoopback) == true
            else {
                throw ConfigError("metrics.host must be a loopback address (127.0.0.1, ::1 or localhost): the metrics port has no login")
            }
        }
        return metrics
    }

    /// `retention: {inactive_months, notice_days}`; nil (off) without the section.
    func retention() throws -> RetentionSettings? {
        guard let value = tree["retention"] else { return nil }
        guard let section = value as? [String: Any] else { throw ConfigError("retention must be a mapping") }
        try only(section, ["inactive_months", "notice_days"], "retention.")
        guard let months = try int(section["inactive_months"], "retention.inactive_months"), months >= 1 else {
            throw ConfigError("retention.inactive_months must be a whole number of months, at least 1")
        }
        let days = try int(section["notice_days"], "retention.notice_days") ?? 14
        guard days >= 1, days < months * 28 else {
            throw ConfigError("retention.notice_days must be at least 1 and shorter than inactive_months")
        }
        return RetentionSettings(inactiveMonths: months, noticeDays: days)
    }

    /// A list of IP addresses, each in its canonical form.
    func addresses(_ value: Any?, _ key: String) throws -> Set<String> {
        guard let value else { return [] }
        guard let list = value as? [Any] else { throw ConfigError("\(key) must be a list of IP addresses") }
        return try Set(
            list.map { item in
                guard let address = ClientAddress.normalized("\(item)") else { throw ConfigError("\(key): '\(item)' is not an IP address") }
                return address
            })
    }
}
