import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Bot

/// Every webhook, in process (`app.test(.router)`), with the provider vectors and forged requests.
struct WebhookRouterTests {
    struct Setup {
        let database: AppDatabase
        let app: any ApplicationProtocol
    }

    func setUp(_ config: ServeConfig = TestServer.config()) throws -> (AppDatabase, some ApplicationProtocol) {
        let database = try AppDatabase.inMemory()
        let app = try buildApplication(
            config: config, database: database, library: Fixtures.library, clock: .fixed(Fixtures.start),
            transport: FakeProvider().transport, logger: Logger(label: "test"), runDispatcher: false)
        return (database, app)
    }

    func count(_ sql: String, _ database: AppDatabase) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(sql)") ?? 0 }
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    func twilioHeaders(_ signature: String) -> HTTPFields {
        var headers = Self.form
        headers[HTTPField.Name("X-Twilio-Signature")!] = signature
        return headers
    }

    @Test func twilioInboundRepliesWithTwiMLAndStoresOnce() async throws {
        let (database, app) = try setUp()
        let (body, signature) = TestServer.twilioForm(TestServer.sms("hoi", sid: "SM1"))
        try await app.test(.router) { client in
            let first = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            #expect(first.status == .ok)
            #expect(first.headers[.contentType]?.hasPrefix("text/xml") == true)
            let xml = String(buffer: first.body)
            #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hallo, dit is Wegwijzer"#))
            #expect(xml.contains("<Message>Wil je meedoen? Antwoord ja of nee.</Message></Response>"))
            // Redelivery: the same answer, nothing applied twice.
            let again = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            #expect(String(buffer: again.body) == xml)
            // Inline replies are stored as messages only: the dispatcher has nothing to send again,
            // and the redelivery found them in `message`.
            #expect(try count("message WHERE direction = 'out'", database) == xml.components(separatedBy: "<Message>").count - 1)
        }
        #expect(try count("message WHERE direction = 'in'", database) == 1)
        #expect(try count("outbox", database) == 0)
    }

    @Test func twilioRestModeAnswersEmptyAndQueues() async throws {
        let (database, app) = try setUp(TestServer.config(replyMode: .rest))
        let (body, signature) = TestServer.twilioForm(TestServer.sms("hoi", sid: "SM1"))
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            #expect(String(buffer: response.body) == #"<?xml version="1.0" encoding="UTF-8"?><Response />"#)
        }
        #expect(try count("outbox WHERE status = 'pending' AND channel = 'sms'", database) == 3)
    }

    @Test(arguments: ["wrong", ""])
    func twilioForgedSignatureIs403AndChangesNothing(_ signature: String) async throws {
        let (database, app) = try setUp()
        let (body, good) = TestServer.twilioForm(TestServer.sms("hoi", sid: "SM1"))
        try await app.test(.router) { client in
            let forged = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            #expect(forged.status == .forbidden)
            // A valid signature over other content is forged too.
            let tampered = body.replacingOccurrences(of: "Body=hoi", with: "Body=STOP")
            let other = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(good), body: ByteBuffer(string: tampered))
            #expect(other.status == .forbidden)
        }
        #expect(try count("message", database) == 0)
    }

    @Test func twilioSharedKeyVariant() async throws {
        let (_, app) = try setUp()
        let fields = TestServer.sms("hoi", sid: "SM2")
        let body = fields.map { "\(TestServer.formEscape($0.0))=\(TestServer.formEscape($0.1))" }.joined(separator: "&")
        let signature = TwilioSignature.expected(
            url: TestServer.publicURL + "/webhooks/twilio", params: fields,
            authToken: TestServer.twilioToken, algorithm: .sha256)
        var settings = twilioHeaders(signature)
        settings[HTTPField.Name("X-Twilio-Webhooks-Signature-Settings")!] = "key=webhooks_sharedkey_EXAMPLE,algorithm=HMAC_SHA256"
        let headers = settings
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            // The same SHA-256 signature without the settings header is checked as SHA-1 and refused.
            let legacy = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            #expect(legacy.status == .forbidden)
        }
    }

    @Test func badRequestsGetAReason() async throws {
        let (database, app) = try setUp()
        try await app.test(.router) { client in
            let huge = String(repeating: "a", count: 70 * 1024)
            let tooBig = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: Self.form, body: ByteBuffer(string: "Body=\(huge)"))
            #expect(tooBig.status == .contentTooLarge)
            #expect(String(buffer: tooBig.body).contains("the body is larger than 64 KiB"))
            let (body, signature) = TestServer.twilioForm([("From", "+31612345678"), ("Body", "hoi")])
            let missing = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            #expect(missing.status == .badRequest)
            #expect(String(buffer: missing.body).contains("MessageSid"))
            let unknown = try await client.execute(uri: "/webhooks/nothing", method: .post)
            #expect(unknown.status == .notFound)
            let json = try await client.execute(
                uri: "/webhooks/json", method: .post,
                headers: [
                    HTTPField.Name("X-Signature")!: GenericSignature.sign(body: Data("{not json".utf8), secret: TestServer.jsonSecret)
                ],
                body: ByteBuffer(string: "{not json"))
            #expect(json.status == .badRequest)
        }
        #expect(try count("message", database) == 0)
    }

    @Test func aSenderOverTheRateLimitGets429AndNoReply() async throws {
        var config = TestServer.config()
        config.rateLimitPerMinute = 3
        let (database, app) = try setUp(config)
        try await app.test(.router) { client in
            for n in 1...4 {
                let (body, signature) = TestServer.twilioForm(TestServer.sms("hoi", sid: "SM\(n)"))
                let response = try await client.execute(
                    uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
                #expect(response.status == (n <= 3 ? .ok : .tooManyRequests))
            }
        }
        #expect(try count("message WHERE direction = 'in'", database) == 3)
    }

    @Test func whatsappVerificationHandshake() async throws {
        let (_, app) = try setUp()
        try await app.test(.router) { client in
            let ok = try await client.execute(
                uri: "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock", method: .get)
            #expect(ok.status == .ok)
            #expect(String(buffer: ok.body) == "1158201444")
            let wrong = try await client.execute(
                uri: "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=other-token", method: .get)
            #expect(wrong.status == .forbidden)
        }
    }

    @Test func whatsappSignedVectorIsAcceptedAndAOneByteChangeIsNot() async throws {
        let vector = try VectorFile.vector("wa-sig-courier-hello")
        let raw = try #require(vector["raw_body"] as? String)
        let header = try #require(vector["expected_header_value"] as? String)
        let (database, app) = try setUp()
        try await app.test(.router) { client in
            let headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("X-Hub-Signature-256")!: header]
            let tampered = try await client.execute(
                uri: "/webhooks/whatsapp", method: .post, headers: headers, body: ByteBuffer(string: raw + " "))
            #expect(tampered.status == .forbidden)
            let ok = try await client.execute(uri: "/webhooks/whatsapp", method: .post, headers: headers, body: ByteBuffer(string: raw))
            #expect(ok.status == .ok)
        }
        let stored = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT p.phone, c.address FROM person p JOIN contact c ON c.personId = p.id")
        }
        #expect(stored?["phone"] == "+250788123123")
        #expect(stored?["address"] == "250788123123")
        #expect(try count("outbox WHERE channel = 'whatsapp' AND status = 'pending'", database) == 3)
    }

    @Test func whatsappWithoutAPhoneNumberStillWorks() async throws {
        let body =
            #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"31970","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sam"},"user_id":"NL.a1b2c3"}],"messages":[{"from_user_id":"NL.a1b2c3","id":"wamid.X1","timestamp":"1795425300","type":"text","text":{"body":"hoi"}}]}}]}]}"#
        let (database, app) = try setUp()
        try await app.test(.router) { client in
            let headers: HTTPFields = [HTTPField.Name("X-Hub-Signature-256")!: "sha256=" + hmacHex(body, TestServer.appSecret)]
            let response = try await client.execute(
                uri: "/webhooks/whatsapp", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
        }
        let address = try await database.read { db in try String.fetchOne(db, sql: "SELECT address FROM contact") }
        #expect(address == "NL.a1b2c3")
        #expect(try count("person WHERE phone IS NULL", database) == 1)
    }

    @Test func telegramPrivateChatsOnly() async throws {
        let vector = try VectorFile.vector("tg-update-private-text")
        let payload = try JSONSerialization.data(withJSONObject: try #require(vector["payload"]))
        let (database, app) = try setUp()
        try await app.test(.router) { client in
            let secret: HTTPFields = [
                .contentType: "application/json", HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!: TestServer.telegramSecret
            ]
            let forged = try await client.execute(
                uri: "/webhooks/telegram", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: payload))
            #expect(forged.status == .forbidden)
            let ok = try await client.execute(uri: "/webhooks/telegram", method: .post, headers: secret, body: ByteBuffer(bytes: payload))
            #expect(ok.status == .ok)
            let group =
                #"{"update_id":2,"message":{"message_id":5,"date":1,"chat":{"id":-100123,"type":"supergroup","title":"Buurt"},"from":{"id":7,"is_bot":false,"first_name":"A"},"text":"hoi"}}"#
            let refused = try await client.execute(
                uri: "/webhooks/telegram", method: .post, headers: secret, body: ByteBuffer(string: group))
            #expect(refused.status == .ok)
            let reply = try JSONSerialization.jsonObject(with: Data(refused.body.readableBytesView)) as? [String: Any]
            #expect(reply?["method"] as? String == "sendMessage")
            #expect(reply?["chat_id"] as? Int == -100123)
        }
        let addresses = try await database.read { db in try String.fetchAll(db, sql: "SELECT address FROM contact") }
        #expect(addresses == ["3527065"])
    }

    @Test func jsonGatewayRepliesInTheResponse() async throws {
        let (database, app) = try setUp()
        let body = #"{"id":"gw-1","from":"0612345678","text":"hoi"}"#
        try await app.test(.router) { client in
            let headers: HTTPFields = [
                HTTPField.Name("X-Signature")!: GenericSignature.sign(body: Data(body.utf8), secret: TestServer.jsonSecret)
            ]
            let response = try await client.execute(uri: "/webhooks/json", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let replies =
                (try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["replies"] as? [String]
            #expect(replies?.count == 3)
            let forged = try await client.execute(
                uri: "/webhooks/json", method: .post,
                headers: [HTTPField.Name("X-Signature")!: "00"], body: ByteBuffer(string: body))
            #expect(forged.status == .forbidden)
        }
        #expect(try count("message WHERE direction = 'in' AND channel = 'json'", database) == 1)
    }

    /// Found by the fuzz run: SQLite text stops at a NUL, so "gw-1\0a" was stored as "gw-1" and a
    /// later "gw-1\0b" was taken for a redelivery of it: acknowledged, never applied.
    @Test func idsWithControlCharactersAreRefusedAndNULsLeaveTheText() async throws {
        let (database, app) = try setUp()
        let cases: [(String, HTTPResponse.Status)] = [
            (#"{"id":"gw-1\u0000a","from":"0612345678","text":"hoi"}"#, .badRequest),
            (#"{"id":"gw-1\u0007","from":"0612345678","text":"hoi"}"#, .badRequest),
            (#"{"id":"gw-2","from":"0612345678","text":"h\u0000oi"}"#, .ok)
        ]
        try await app.test(.router) { client in
            for (body, expected) in cases {
                let headers: HTTPFields = [
                    HTTPField.Name("X-Signature")!: GenericSignature.sign(body: Data(body.utf8), secret: TestServer.jsonSecret)
                ]
                let response = try await client.execute(
                    uri: "/webhooks/json", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == expected, "\(body)")
            }
        }
        let stored = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT providerId, text FROM message WHERE direction = 'in'").map {
                [$0["providerId"] as String, $0["text"] as String]
            }
        }
        #expect(stored == [["gw-2", "hoi"]])
    }

    /// The ASCII short cut finds a control character exactly where the Unicode category does.
    @Test func controlCharactersAreFoundAsTheirUnicodeCategorySays() {
        let pieces = [
            "a", "SM0f", "+31", " ", "\u{0}", "\u{7}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é",
            "\u{200F}", "\u{202E}", "\u{FEFF}", "😀", "\u{FFFD}"
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let expected = text.unicodeScalars.contains { $0.properties.generalCategory == .control }
            #expect(WebhookContext.hasControl(text) == expected, "\(text.debugDescription)")
        }
        #expect(WebhookContext.hasControl("a\u{85}"))
        #expect(!WebhookContext.hasControl("+31612345678"))
    }

    /// On a live connection from loopback: `/metrics` answers only there by default (`MetricsAccessTests`).
    @Test func healthAndMetrics() async throws {
        let (_, app) = try setUp()
        let (body, signature) = TestServer.twilioForm(TestServer.sms("hoi", sid: "SM1"))
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(String(buffer: health.body).contains(#""database":"ok""#))
            _ = try await client.execute(
                uri: "/webhooks/twilio", method: .post, headers: twilioHeaders(signature), body: ByteBuffer(string: body))
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"wegwijzer_messages_in_total{channel="sms"} 1"#))
            #expect(metrics.contains("wegwijzer_turn_seconds"))
            #expect(metrics.contains("wegwijzer_write_batch_messages_total 1"))
            #expect(metrics.contains("wegwijzer_write_batches_total 1"))
            #expect(metrics.contains("wegwijzer_write_busy_seconds_total"))
            #expect(metrics.contains("wegwijzer_write_batch_seconds_count 1"))
        }
    }
}
