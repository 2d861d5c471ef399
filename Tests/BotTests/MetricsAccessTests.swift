import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Bot

/// `/metrics` is not for everyone: loopback only by default, a bearer token, or a loopback port of its own.
struct MetricsAccessTests {
    static func app(_ metrics: ServeConfig.Metrics, database: AppDatabase? = nil) throws -> some ApplicationProtocol {
        var config = TestServer.config()
        config.metrics = metrics
        return try buildApplication(
            config: config, database: try database ?? AppDatabase.inMemory(), library: Fixtures.library,
            clock: .fixed(Fixtures.start), transport: FakeProvider().transport, logger: Logger(label: "test"),
            runDispatcher: false)
    }

    @Test func byDefaultOnlyALoopbackClientWithoutAProxyGetsTheMetrics() async throws {
        try await Self.app(.init()).test(.live) { client in
            let local = try await client.execute(uri: "/metrics", method: .get)
            #expect(local.status == .ok)
            #expect(String(buffer: local.body).contains("wegwijzer_outbox_depth"))
            // Through a reverse proxy on the same machine the connection is loopback too, but the request came from outside.
            for header in MetricsAccess.forwardingHeaders {
                let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [header: "203.0.113.9"])
                #expect(proxied.status == .forbidden, "\(header)")
                #expect(!String(buffer: proxied.body).contains("wegwijzer_"))
            }
        }
        // A connection whose address is not known (not loopback) is refused.
        try await Self.app(.init()).test(.router) { client in
            let unknown = try await client.execute(uri: "/metrics", method: .get)
            #expect(unknown.status == .forbidden)
        }
    }

    @Test func theScrapeTellsWhatWaitsForAProfessional() async throws {
        let database = try AppDatabase.inMemory()
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', '+31612345678', ?)", arguments: [Fixtures.start])
            try AlertStore.add(personID: 1, kind: "crisis", detail: nil, urgent: true, at: Fixtures.start.addingTimeInterval(-600), in: db)
            try AlertStore.add(personID: 1, kind: "contact", detail: nil, at: Fixtures.start, in: db)
            try AlertStore.add(personID: 1, kind: "contact", detail: nil, at: Fixtures.start, in: db)
            try db.execute(sql: "UPDATE alert SET handledAt = ? WHERE id = 3", arguments: [Fixtures.start])
        }
        try await Self.app(.init(), database: database).test(.live) { client in
            let text = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(text.contains("wegwijzer_open_alerts 2"))
            #expect(text.contains("wegwijzer_open_urgent_alerts 1"))
            #expect(text.contains("wegwijzer_oldest_open_urgent_alert_seconds 600"))
            #expect(text.contains("wegwijzer_unfinished_erasures 0"))
        }
    }

    @Test func withATokenOnlyTheBearerGetsTheMetrics() async throws {
        let token = "a-metrics-token-of-some-length"
        try await Self.app(.init(token: token)).test(.live) { client in
            let none = try await client.execute(uri: "/metrics", method: .get)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(
                try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"]).status == .unauthorized)
            let ok = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(ok.status == .ok)
            #expect(String(buffer: ok.body).contains("wegwijzer_outbox_depth"))
        }
    }

    @Test func onAPortOfItsOwnTheMetricsAreThereAndNotOnTheMainPort() async throws {
        let port = try freePort()
        try await Self.app(.init(port: port)).test(.live) { client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
            let transport = HTTPTransport.live(policy: DispatchPolicy())
            var reply: HTTPTransport.Reply?
            let deadline = ContinuousClock.now + .seconds(10)
            while reply == nil, ContinuousClock.now < deadline {
                reply = try? await transport.execute(
                    OutboundRequest(method: "GET", url: "http://127.0.0.1:\(port)/metrics", headers: [], body: Data()))
                if reply == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(reply?.status == 200)
            let text = reply.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            #expect(text.contains("wegwijzer_outbox_depth"))
        }
    }

    @Test func everyWebhookResponseSaysNosniffErrorsToo() async throws {
        try await Self.app(.init()).test(.router) { client in
            let (body, signature) = TestServer.twilioForm(TestServer.sms("hoi", sid: "SMnosniff"))
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[HTTPField.Name("X-Twilio-Signature")!] = signature
            let ok = try await client.execute(uri: "/webhooks/twilio", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(ok.status == .ok)
            #expect(ok.headers[.xContentTypeOptions] == "nosniff")
            headers[HTTPField.Name("X-Twilio-Signature")!] = "forged"
            let forged = try await client.execute(uri: "/webhooks/twilio", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(forged.status == .forbidden)
            #expect(forged.headers[.xContentTypeOptions] == "nosniff")
            let json = try await client.execute(
                uri: "/webhooks/json", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(json.status == .forbidden)
            #expect(json.headers[.xContentTypeOptions] == "nosniff")
            let verify = try await client.execute(
                uri: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=\(TestServer.verifyToken)&hub.challenge=42",
                method: .get)
            #expect(verify.status == .ok)
            #expect(verify.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}
