import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import Bot

/// Bad input against every webhook, in process, on an on-disk WAL database: `FUZZ_COUNT`
/// generated requests (default 3,000; `scripts/fuzz` runs 100,000) from the seed `FUZZ_SEED`.
/// Zero 5xx, every rejection a 4xx with a reason, forged requests never accepted, every accepted
/// message stored, and `PRAGMA integrity_check` says ok afterwards. A crash ends the test process,
/// which fails the run; the printed seed and request number replay it.
struct WebhookFuzzTests {
    struct Tally: CustomStringConvertible, Sendable {
        var tried = 0
        var accepted = 0
        var byStatus: [Int: Int] = [:]
        var byRoute: [String: (tried: Int, accepted: Int)] = [:]
        var byKind: [FuzzRequest.Kind: (tried: Int, accepted: Int)] = [:]
        var problems: [String] = []

        var rejected: Int { byStatus.filter { (400..<500).contains($0.key) }.values.reduce(0, +) }
        var serverErrors: Int { byStatus.filter { $0.key >= 500 }.values.reduce(0, +) }

        mutating func count(_ request: FuzzRequest, status: Int) {
            tried += 1
            byStatus[status, default: 0] += 1
            let ok = (200..<300).contains(status)
            if ok { accepted += 1 }
            byRoute[request.route, default: (0, 0)].tried += 1
            byRoute[request.route, default: (0, 0)].accepted += ok ? 1 : 0
            byKind[request.kind, default: (0, 0)].tried += 1
            byKind[request.kind, default: (0, 0)].accepted += ok ? 1 : 0
        }

        var description: String {
            var lines = ["fuzz webhooks: \(tried) requests tried, \(accepted) accepted, \(rejected) rejected (4xx), \(serverErrors) 5xx"]
            lines.append("  by status: " + byStatus.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
            lines.append(
                "  by route:  "
                    + byRoute.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.accepted)/\($0.value.tried)" }.joined(separator: ", ")
                    + " (accepted/tried)")
            lines.append(
                "  by kind:   "
                    + FuzzRequest.Kind.allCases.map { "\($0.rawValue) \(byKind[$0]?.accepted ?? 0)/\(byKind[$0]?.tried ?? 0)" }.joined(
                        separator: ", "))
            return lines.joined(separator: "\n")
        }
    }

    /// A clock that moves two seconds at every reading, so rate-limit windows roll over during the run.
    static func movingClock() -> WallClock {
        final class Ticks: Sendable { let count = Mutex(0) }
        let ticks = Ticks()
        return WallClock {
            Fixtures.start.addingTimeInterval(
                Double(
                    ticks.count.withLock {
                        $0 += 1
                        return $0
                    }) * 2)
        }
    }

    @Test func everyWebhookSurvivesGeneratedBadInput() async throws {
        let count = FuzzSettings.count(default: 3_000)
        let seed = FuzzSettings.seed
        print("fuzz webhooks: FUZZ_SEED=\(seed) FUZZ_COUNT=\(count)")
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("fuzz.sqlite").path
        let database = try AppDatabase.open(path: path)
        let app = try buildApplication(
            config: TestServer.config(), database: database, library: Fixtures.library,
            clock: Self.movingClock(), transport: FakeProvider().transport,
            logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }), runDispatcher: false)
        let started = ContinuousClock.now
        let (tally, mustBeStored) = try await app.test(.router) { client in
            var random = SeededRandom(seed: seed)
            var tally = Tally()
            var mustBeStored: Set<StoredID> = []
            for n in 1...count {
                let request = WebhookFuzzRequests.make(&random)
                let place = "request \(n) (\(request.route), \(request.kind.rawValue)) of FUZZ_SEED=\(seed)"
                let response: TestResponse
                do {
                    response = try await client.execute(
                        uri: request.uri, method: request.method, headers: request.headers,
                        body: ByteBuffer(bytes: request.body))
                } catch {
                    tally.problems.append("\(place): the client failed: \(error)")
                    continue
                }
                let status = Int(response.status.code)
                tally.count(request, status: status)
                if status >= 500 || status < 200 || (300..<400).contains(status) {
                    tally.problems.append("\(place): status \(status) \(String(buffer: response.body).prefix(200))")
                }
                if request.mustReject, !(400..<500).contains(status) {
                    tally.problems.append("\(place): a forged or altered request was answered \(status)")
                }
                if (400..<500).contains(status), status != 404, response.body.readableBytes == 0 {
                    tally.problems.append("\(place): status \(status) without a reason")
                }
                if (200..<300).contains(status), let stored = request.stores { mustBeStored.insert(stored) }
                if tally.problems.count > 20 { break }
            }
            return (tally, mustBeStored)
        }
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        print(tally)
        print("  \(mustBeStored.count) accepted messages to find in the store; \(Int(Double(tally.tried) / max(seconds, 1))) requests/s")
        for problem in tally.problems { print("  PROBLEM " + problem) }
        #expect(tally.problems.isEmpty)
        #expect(tally.tried == count)
        #expect(tally.serverErrors == 0)
        #expect(tally.accepted + tally.rejected == tally.tried)
        // The generator really reaches the engine: many signed requests are accepted and stored.
        #expect(mustBeStored.count > count / 10)

        let (stored, integrity, foreignKeys) = try await database.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT channel, providerId FROM message WHERE direction = 'in' AND providerId IS NOT NULL")
            let stored = Set(rows.map { StoredID(channel: $0["channel"], providerID: $0["providerId"]) })
            return (
                stored, try String.fetchAll(db, sql: "PRAGMA integrity_check"), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            )
        }
        let lost = mustBeStored.subtracting(stored)
        #expect(lost.isEmpty, "accepted but not stored: \(lost.prefix(5))")
        #expect(integrity == ["ok"])
        #expect(foreignKeys == 0)
        print(
            "  integrity_check: \(integrity.joined(separator: ", ")); foreign_key_check: \(foreignKeys) rows; accepted and stored: \(mustBeStored.count - lost.count)/\(mustBeStored.count)"
        )
    }
}
