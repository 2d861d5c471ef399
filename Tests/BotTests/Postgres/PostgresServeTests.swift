import AsyncHTTPClient
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import Testing

@testable import Bot

/// Two `wegwijzer serve` processes on one PostgreSQL database, as a hosting partner runs them
/// behind a load balancer: both start at once on an empty database (one migrates, the other
/// waits), and three inwoners play the whole intake with their messages spread over both. Some
/// messages go to both instances at the same moment, as a provider that retries may do.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable), .serialized)
struct PostgresServeTests {
    static let secret = "postgres-serve-test-secret"
    static let phones = ["+31611000001", "+31611000002", "+31611000003"]

    @Test func twoInstancesServeWholeIntakesOnceAndInOrder() async throws {
        let url = try PostgresTestDatabase.makeEmptyDatabase()
        defer { PostgresTestDatabase.dropDatabase(url) }
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ports = [try freePort(), try freePort()]
        let servers = try ports.map { port in try Self.serve(url: url, port: port, dir: dir) }
        defer {
            for server in servers where server.isRunning { server.terminate() }
            for server in servers { server.waitUntilExit() }
        }
        for port in ports {
            #expect(try await Self.healthy(port), "instance on \(port) did not come up")
        }

        let inputs = Fixtures.intake
        #expect(inputs.count >= 40)
        var doubled = 0
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (person, phone) in Self.phones.enumerated() {
                group.addTask {
                    var doubled = 0
                    for (k, text) in inputs.enumerated() {
                        let id = "pg-\(person)-\(k)"
                        let port = ports[(k + person) % 2]
                        if k % 5 == 2 {
                            // The same message to both instances at once: one applies it, the
                            // other answers with the same replies.
                            async let first = Self.post(id: id, from: phone, text: text, port: ports[0])
                            async let second = Self.post(id: id, from: phone, text: text, port: ports[1])
                            let (a, b) = try await (first, second)
                            #expect(a == b, "message \(k) of \(phone): \(a) against \(b)")
                            doubled += 1
                        } else {
                            let replies = try await Self.post(id: id, from: phone, text: text, port: port)
                            #expect(!replies.isEmpty, "message \(k) of \(phone) got no reply")
                        }
                    }
                    return doubled
                }
            }
            for try await count in group { doubled += count }
        }
        #expect(doubled >= 3 * 8)

        let database = try AppDatabase.open(postgres: url, password: nil, poolSize: 1, logger: PostgresTestDatabase.logger, at: Date())
        defer { database.close() }
        for phone in Self.phones {
            let (texts, ids, modules) = try await database.read { db -> ([String], Int, Int) in
                let person = try #require(try PersonStore.id(phone: phone, in: db))
                return (
                    try String.fetchAll(
                        db, sql: "SELECT text FROM message WHERE personId = ? AND direction = 'in' ORDER BY id", arguments: [person]),
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(DISTINCT providerId) FROM message WHERE personId = ? AND direction = 'in'",
                        arguments: [person])
                        ?? 0,
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM moduleProgress WHERE personId = ? AND completedAt IS NOT NULL", arguments: [person])
                        ?? 0
                )
            }
            // Every message stored once, in the order sent; the intake went through to its end.
            #expect(texts == inputs, "\(phone)")
            #expect(ids == inputs.count)
            #expect(modules == 3, "\(phone) completed \(modules) modules")
        }
    }

    static func serve(url: PostgresURL, port: Int, dir: URL) throws -> Process {
        let config = dir.appendingPathComponent("serve-\(port).yaml")
        try """
        host: 127.0.0.1
        port: \(port)
        public_url: http://127.0.0.1:\(port)
        rate_limit_per_minute: 1000
        db_pool_size: 3
        channels:
          json: {enabled: true}
        """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.path)
        process.arguments = ["serve", "--config", config.path, "--db", url.description]
        process.environment = ProcessInfo.processInfo.environment.merging(["WEGWIJZER_JSON_SECRET": secret]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    static func healthy(_ port: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")
            request.method = .GET
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)), response.status == .ok { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Posts one signed message to the JSON gateway until it is taken (a 2xx), as a provider does,
    /// and returns the replies.
    static func post(id: String, from phone: String, text: String, port: Int) async throws -> [String] {
        let body = try String(decoding: JSONSerialization.data(withJSONObject: ["id": id, "from": phone, "text": text]), as: UTF8.self)
        for _ in 0..<20 {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/webhooks/json")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Signature", value: GenericSignature.sign(body: Data(body.utf8), secret: secret))
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let answer = try await response.body.collect(upTo: 1 << 20)
            if (200..<300).contains(response.status.code) {
                let object = try JSONSerialization.jsonObject(with: Data(answer.readableBytesView)) as? [String: Any]
                return object?["replies"] as? [String] ?? []
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw Refused(id: id)
    }

    struct Refused: Error, CustomStringConvertible {
        let id: String
        var description: String { "message \(id) was not taken after 20 tries" }
    }
}
