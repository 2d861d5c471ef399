import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import Bot

/// SIGTERM while a send hangs on a provider that does not answer: `wegwijzer serve` stops within its
/// grace period, and after a restart the message goes out once.
@Suite(.serialized)
struct ShutdownTests {
    /// A Twilio Messages API on loopback whose first send never gets an answer (until released).
    final class SilentProvider: Sendable {
        let state = Mutex<(posts: Int, accepted: [String], released: Bool)>((0, [], false))

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("2010-04-01/Accounts/{account}/Messages.json") { [self] request, _ -> Response in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                let n = state.withLock {
                    $0.posts += 1
                    return $0.posts
                }
                if n == 1 {
                    // Silent until released (bounded, so the fake itself can stop); then not delivered.
                    let deadline = ContinuousClock.now + .seconds(30)
                    while !state.withLock({ $0.released }) && ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                    return Response(status: .internalServerError)
                }
                state.withLock { $0.accepted.append(body) }
                return Response(
                    status: .created, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"sid":"SM\#(n)","status":"queued"}"#)))
            }
            router.get("2010-04-01/Accounts/{account}/Messages.json") { _, _ -> Response in
                Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"messages":[],"page":0,"page_size":50}"#)))
            }
            return router
        }
    }

    static func serve(config: String, db: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.path)
        process.arguments = ["serve", "--config", config, "--db", db]
        process.environment = ProcessInfo.processInfo.environment.merging(["TWILIO_AUTH_TOKEN": TestServer.twilioToken]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// SIGTERM, then the seconds until the process is gone (killed after 30 s).
    static func terminate(_ process: Process) async throws -> Double {
        let start = ContinuousClock.now
        process.terminate()
        while process.isRunning && ContinuousClock.now - start < .seconds(30) { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return (ContinuousClock.now - start).seconds
    }

    static func wait(_ condition: () throws -> Bool, seconds: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    @Test func sigtermDuringASilentSendStopsWithinTheGracePeriodAndTheMessageGoesOnceAfterARestart() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let db = dir.appendingPathComponent("serve.sqlite").path
        let enrolled = try BinaryRunner.run(["enroll", "--db", db, "--phone", "0612345678", "--name", "Fatima"])
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        let stored = try await DatabaseQueue(path: db).read { db in
            try String.fetchAll(db, sql: "SELECT m.text FROM outbox o JOIN message m ON m.id = o.messageId ORDER BY o.id")
        }
        #expect(!stored.isEmpty)
        let provider = SilentProvider()
        let fake = Application(router: provider.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await fake.test(.live) { fakeClient in
            let port = try #require(fakeClient.port)
            let serverPort = try freePort()
            let config = dir.appendingPathComponent("serve.yaml")
            // A read timeout far past the grace period: without cancelling the send, SIGTERM waited for it.
            try """
            host: 127.0.0.1
            port: \(serverPort)
            public_url: http://127.0.0.1:\(serverPort)
            channels:
              twilio: {enabled: true, account_sid: AC00000000000000000000000000000000, from: "+3197010250999", reply_mode: rest, api_base: "http://127.0.0.1:\(port)"}
            dispatcher: {connect_timeout_seconds: 1, read_timeout_seconds: 20, lease_seconds: 22, base_delay_seconds: 0.2}
            """.write(to: config, atomically: true, encoding: .utf8)

            let first = try Self.serve(config: config.path, db: db)
            #expect(try await Self.wait({ provider.state.withLock { $0.posts } >= 1 }, seconds: 20), "the send never reached the provider")
            let took = try await Self.terminate(first)
            provider.state.withLock { $0.released = true }
            // The send is cancelled at once, not only when the grace period runs out.
            #expect(took < 3, "SIGTERM took \(took) s")
            #expect(took < Wegwijzer.Serve.gracePeriod.seconds)
            #expect(first.terminationReason == .exit)
            #expect(provider.state.withLock { $0.accepted.isEmpty })

            // After the restart the row is claimed again once its lease ends, and goes out once.
            let second = try Self.serve(config: config.path, db: db)
            let sent = try await Self.wait(
                {
                    try DatabaseQueue(path: db).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
                    } == stored.count
                }, seconds: 45)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await Self.terminate(second)
            #expect(sent)
        }
        let accepted = provider.state.withLock { $0.accepted }
        let bodies = accepted.compactMap { FormURLEncoded.decode(Data($0.utf8))?.first { $0.0 == "Body" }?.1 }
        #expect(bodies == stored)
    }
}
