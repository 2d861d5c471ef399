import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import Bot

/// The server on 127.0.0.1 with a fake provider that is a real HTTP server: it fails with 500,
/// then hangs past the read timeout, then recovers. Every message must be accepted exactly once,
/// in order.
struct LiveDeliveryTests {
    /// What the fake provider did with each request.
    final class Provider: Sendable {
        let log = Mutex<(seen: Int, accepted: [String])>((0, []))

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("2010-04-01/Accounts/{account}/Messages.json") { [self] request, _ -> Response in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                let n = log.withLock {
                    $0.seen += 1
                    return $0.seen
                }
                switch n {
                case 1, 2: return Response(status: .internalServerError)
                case 3:
                    // Hang past the client's read timeout, then fail: not delivered.
                    try await Task.sleep(for: .seconds(2))
                    return Response(status: .internalServerError)
                default:
                    log.withLock { $0.accepted.append(body) }
                    let json = #"{"sid":"SM\#(n)","status":"queued"}"#
                    return Response(
                        status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
                }
            }
            return router
        }
    }

    @Test func everyMessageArrivesOnceInOrderAfterFailures() async throws {
        let provider = Provider()
        let fake = Application(router: provider.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let database = try Fixtures.Storage.disk.open()
        try await fake.test(.live) { fakeClient in
            let port = try #require(fakeClient.port)
            var config = TestServer.config(replyMode: .rest, apiBase: "http://127.0.0.1:\(port)")
            config.dispatcher.baseDelay = 0.05
            config.dispatcher.pollInterval = 0.05
            config.dispatcher.readTimeout = 0.5
            config.dispatcher.connectTimeout = 0.5
            config.dispatcher.maxAttempts = 10
            let app = try buildApplication(
                config: config, database: database, library: Fixtures.library, clock: .system,
                transport: .live(policy: config.dispatcher), logger: Logger(label: "live"))
            try await app.test(.live) { client in
                for (n, text) in ["hoi", "ja"].enumerated() {
                    let (body, signature) = TestServer.twilioForm(TestServer.sms(text, sid: "SMlive\(n)"))
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    headers[HTTPField.Name("X-Twilio-Signature")!] = signature
                    let response = try await client.execute(
                        uri: "/webhooks/twilio", method: .post, headers: headers, body: ByteBuffer(string: body))
                    #expect(response.status == .ok)
                }
                let expected = try await database.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE channel = 'sms'") ?? 0
                }
                let deadline = ContinuousClock.now + .seconds(30)
                while ContinuousClock.now < deadline, provider.log.withLock({ $0.accepted.count }) < expected {
                    try await Task.sleep(for: .milliseconds(50))
                }
                // Let a stray duplicate show itself, if there were one.
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        let stored = try await database.read { db in
            try String.fetchAll(
                db, sql: "SELECT m.text FROM outbox o JOIN message m ON m.id = o.messageId WHERE o.channel = 'sms' ORDER BY o.id")
        }
        let accepted = provider.log.withLock { $0.accepted }
        #expect(stored.count >= 5)
        #expect(accepted.count == stored.count, "accepted \(accepted.count) of \(stored.count)")
        // In order, each once: the Body field of each accepted request is the stored text.
        let bodies = accepted.compactMap { FormURLEncoded.decode(Data($0.utf8))?.first { $0.0 == "Body" }?.1 }
        #expect(bodies == stored)
        let statuses = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT status FROM outbox WHERE channel = 'sms'")
        }
        #expect(statuses.allSatisfy { $0 == "sent" })
    }
}
