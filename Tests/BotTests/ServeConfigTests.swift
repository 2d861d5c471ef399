import Foundation
import Testing

@testable import Bot

struct ServeConfigTests {
    func write(_ text: String, mode: Int = 0o600) throws -> String {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("config.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    @Test func aFullConfigLoadsWithSecretsFromTheEnvironment() throws {
        let file = try write(
            """
            port: 9090
            public_url: https://wegwijzer.example.nl
            channels:
              twilio: {enabled: true, account_sid: AC1, from: "+3197010250999", reply_mode: rest}
              telegram: {enabled: false}
            """)
        let config = try ServeConfig.load(file: file, environment: ["TWILIO_AUTH_TOKEN": "t0k"])
        #expect(config.port == 9090)
        #expect(config.publicURL == "https://wegwijzer.example.nl")
        #expect(config.twilio?.authToken == "t0k")
        #expect(config.twilio?.replyMode == .rest)
        #expect(config.telegram == nil)
    }

    @Test func theOutboxLeaseCanBeShortenedButNotBelowOneSend() throws {
        let file = try write("dispatcher: {lease_seconds: 5, connect_timeout_seconds: 1, read_timeout_seconds: 2}")
        let config = try ServeConfig.load(file: file, environment: [:])
        #expect(config.dispatcher.lease == 5)
        #expect(try ServeConfig.load(file: try write("port: 1"), environment: [:]).dispatcher.lease == 60)
    }

    @Test func theGroupCommitSizeCanBeSetDownToOneMessagePerCommit() throws {
        #expect(try ServeConfig.load(file: try write("port: 1"), environment: [:]).maxBatch == 64)
        #expect(try ServeConfig.load(file: try write("max_batch: 1"), environment: [:]).maxBatch == 1)
    }

    @Test func jsonWorksToo() throws {
        let file = try write(#"{"port": 8181, "channels": {"json": {"enabled": true}}}"#)
        let config = try ServeConfig.load(file: file, environment: ["WEGWIJZER_JSON_SECRET": "s"])
        #expect(config.port == 8181)
        #expect(config.json?.secret == "s")
        #expect(config.json?.sendURL == nil)
    }

    @Test func theJSONGatewaysSendURLMustBeAnHTTPURL() throws {
        let environment = ["WEGWIJZER_JSON_SECRET": "s"]
        let good = try write("channels:\n  json: {enabled: true, send_url: \"https://adapter.example.nl/send\"}\n")
        #expect(try ServeConfig.load(file: good, environment: environment).json?.sendURL == "https://adapter.example.nl/send")
        for bad in ["ftp://adapter/send", "42", "adapter.example.nl"] {
            let file = try write("channels:\n  json: {enabled: true, send_url: \"\(bad)\"}\n")
            #expect {
                try ServeConfig.load(file: file, environment: environment)
            } throws: { "\($0)".contains("channels.json.send_url") }
        }
    }

    @Test(arguments: [
        ("prot: 8080", "unknown config key 'prot'"),
        (
            "channels: {twilio: {enabled: true, account_sid: AC1, from: x, auth_token: secret}}",
            "unknown config key 'channels.twilio.auth_token'"
        ),
        ("channels: {twilio: {enabled: true, account_sid: AC1, from: x}}", "TWILIO_AUTH_TOKEN is not set"),
        ("channels: {whatsapp: {enabled: true}}", "'channels.whatsapp.phone_number_id' is missing"),
        ("channels: {sms: {enabled: true}}", "unknown config key 'channels.sms'"),
        ("port: eighty", "'port' must be a whole number"),
        ("- just\n- a list", "must be a mapping"),
        ("host: 0.0.0.0\nweb: {plain_http: true}", "web.plain_http is only allowed when host is a loopback address"),
        ("web: {bcrypt_cost: 3}", "web.bcrypt_cost must be between 4 and 31"),
        ("web: {secure: false}", "unknown config key 'web.secure'"),
        ("max_batch: 0", "max_batch must be at least 1"),
        ("dispatcher: {lease_seconds: 10}", "dispatcher.lease_seconds must be longer than connect_timeout_seconds + read_timeout_seconds"),
        ("web: {trusted_proxies: [127.0.0.1, proxy.local]}", "web.trusted_proxies: 'proxy.local' is not an IP address"),
        ("metrics: {port: 9091, host: 0.0.0.0}", "metrics.host must be a loopback address"),
        ("metrics: {port: 8080}", "metrics.port must be a port number other than the main port"),
        ("metrics: {token: short}", "metrics.token must be at least 16 characters"),
        ("metrics: {user: x}", "unknown config key 'metrics.user'"),
        ("retention: {notice_days: 10}", "retention.inactive_months must be a whole number of months"),
        ("retention: {inactive_months: 1, notice_days: 40}", "retention.notice_days must be at least 1 and shorter than inactive_months")
    ])
    func mistakesStopTheStartWithOneLine(_ yaml: String, _ message: String) throws {
        let file = try write(yaml)
        do {
            _ = try ServeConfig.load(file: file, environment: [:])
            Issue.record("expected an error containing \(message)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test func theWebViewIsOnWithSecureCookiesUnlessSaidOtherwise() throws {
        let defaults = try ServeConfig.load(file: try write("port: 8080"), environment: [:])
        #expect(defaults.web.enabled)
        #expect(!defaults.web.plainHTTP)
        #expect(defaults.web.bcryptCost == 12)
        let local = try ServeConfig.load(
            file: try write("host: 127.0.0.1\nweb: {plain_http: true, session_hours: 2, login_attempts: 3}"), environment: [:])
        #expect(local.web.plainHTTP)
        #expect(local.web.sessionHours == 2)
        #expect(local.web.loginAttempts == 3)
        let off = try ServeConfig.load(file: try write("web: {enabled: false}"), environment: [:])
        #expect(!off.web.enabled)
    }

    @Test func operationSettingsAreOffOrClosedUnlessSet() throws {
        let defaults = try ServeConfig.load(file: try write("port: 8080"), environment: [:])
        #expect(defaults.web.trustedProxies.isEmpty)
        #expect(defaults.metrics.token == nil && defaults.metrics.port == nil)
        #expect(defaults.retention == nil)
        let set = try ServeConfig.load(
            file: try write(
                """
                web: {trusted_proxies: ["127.0.0.1", "0:0:0:0:0:0:0:1"]}
                metrics: {port: 9091, host: "::1"}
                retention: {inactive_months: 12, notice_days: 30}
                """), environment: ["WEGWIJZER_METRICS_TOKEN": "token-from-the-environment"])
        #expect(set.web.trustedProxies == ["127.0.0.1", "::1"])
        #expect(set.metrics.port == 9091 && set.metrics.host == "::1")
        #expect(set.metrics.token == "token-from-the-environment")
        #expect(set.retention == RetentionSettings(inactiveMonths: 12, noticeDays: 30))
        // The retention command reads that section alone, without the channels' secrets.
        let file = try write("retention: {inactive_months: 3}\nchannels: {twilio: {enabled: true, account_sid: AC1, from: x}}")
        #expect(try ServeConfig.retention(file: file) == RetentionSettings(inactiveMonths: 3, noticeDays: 14))
    }

    @Test func aSecretsFileMustBeOwnerOnly() throws {
        let secrets = try write("TWILIO_AUTH_TOKEN=from-file\n", mode: 0o644)
        let config = try write("channels: {twilio: {enabled: true, account_sid: AC1, from: x}}")
        #expect(throws: ConfigError.self) {
            _ = try ServeConfig.load(file: config, environment: ["WEGWIJZER_SECRETS_FILE": secrets])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secrets)
        let loaded = try ServeConfig.load(file: config, environment: ["WEGWIJZER_SECRETS_FILE": secrets])
        #expect(loaded.twilio?.authToken == "from-file")
    }
}
