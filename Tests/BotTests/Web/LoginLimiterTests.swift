import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

@testable import Bot

/// Login limits by account and client address: a guesser slows only themselves.
struct LoginLimiterTests {
    let t0 = Fixtures.start
    let account = "anna@wijkteam.example"

    @Test func delaysGrowAfterTheFreeFailuresAndEndOnTime() async {
        let limiter = LoginLimiter(freePerPair: 3)
        var now = t0
        for _ in 0..<2 {
            await limiter.failed(account: account, client: "203.0.113.9", at: now)
            #expect(await limiter.check(account: account, client: "203.0.113.9", at: now) == .allowed)
        }
        var waits: [TimeInterval] = []
        for _ in 0..<6 {
            await limiter.failed(account: account, client: "203.0.113.9", at: now)
            guard case .wait(let seconds) = await limiter.check(account: account, client: "203.0.113.9", at: now) else {
                Issue.record("no wait after a failure past the free ones")
                return
            }
            waits.append(seconds)
            // Just before the wait is over: still refused; once it is over: allowed again.
            #expect(await limiter.check(account: account, client: "203.0.113.9", at: now.addingTimeInterval(seconds - 0.1)) != .allowed)
            now = now.addingTimeInterval(seconds)
            #expect(await limiter.check(account: account, client: "203.0.113.9", at: now) == .allowed)
        }
        #expect(waits == [1, 2, 4, 8, 16, 32])
    }

    @Test func theWaitIsCappedAndForgottenAfterTheWindow() async {
        let limiter = LoginLimiter(freePerPair: 1, maxDelay: 60)
        for n in 0..<20 { await limiter.failed(account: account, client: "203.0.113.9", at: t0.addingTimeInterval(Double(n))) }
        let last = t0.addingTimeInterval(19)
        #expect(await limiter.check(account: account, client: "203.0.113.9", at: last) == .wait(60))
        #expect(
            await limiter.check(account: account, client: "203.0.113.9", at: last.addingTimeInterval(LoginLimiter.window + 20)) == .allowed)
    }

    @Test func aGuesserOnOneAddressDoesNotDelayTheProfessionalOnAnother() async {
        let limiter = LoginLimiter(freePerPair: 5)
        for n in 0..<200 { await limiter.failed(account: account, client: "203.0.113.9", at: t0.addingTimeInterval(Double(n) / 10)) }
        let now = t0.addingTimeInterval(20)
        #expect(await limiter.check(account: account, client: "203.0.113.9", at: now) != .allowed)
        #expect(await limiter.check(account: account, client: "198.51.100.7", at: now) == .allowed)
        // Many addresses at once put the account under attack: each of them waits after its first
        // failure, and an address that has not failed is still let through.
        for n in 0..<60 { await limiter.failed(account: account, client: "192.0.2.\(n)", at: now) }
        #expect(await limiter.check(account: account, client: "192.0.2.61", at: now) == .allowed)
        await limiter.failed(account: account, client: "192.0.2.61", at: now)
        #expect(await limiter.check(account: account, client: "192.0.2.61", at: now) == .wait(1))
        #expect(await limiter.check(account: account, client: "198.51.100.7", at: now) == .allowed)
    }

    @Test func oneAddressTryingManyAccountsWaitsToo() async {
        let limiter = LoginLimiter(freePerPair: 5, freePerClient: 20)
        for n in 0..<20 { await limiter.failed(account: "iemand\(n)@example.nl", client: "203.0.113.9", at: t0) }
        #expect(await limiter.check(account: "nieuw@example.nl", client: "203.0.113.9", at: t0) == .wait(1))
        #expect(await limiter.check(account: "nieuw@example.nl", client: "198.51.100.7", at: t0) == .allowed)
    }

    @Test func anIPv6ClientIsCountedByIts64() async {
        let limiter = LoginLimiter(freePerPair: 2)
        await limiter.failed(account: account, client: "2001:db8:1:2::1", at: t0)
        await limiter.failed(account: account, client: "2001:db8:1:2::ffff", at: t0)
        #expect(await limiter.check(account: account, client: "2001:db8:1:2:aaaa::3", at: t0) == .wait(1))
        #expect(await limiter.check(account: account, client: "2001:db8:1:3::1", at: t0) == .allowed)
    }

    @Test func forwardedForIsBelievedOnlyFromATrustedProxy() {
        let headers: HTTPFields = [ClientAddress.forwardedFor: "198.51.100.7, 10.0.0.2"]
        let proxy = try! SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
        let stranger = try! SocketAddress(ipAddress: "203.0.113.9", port: 40_000)
        #expect(ClientAddress.of(peer: stranger, headers: headers, trustedProxies: ["127.0.0.1"]) == "203.0.113.9")
        #expect(ClientAddress.of(peer: proxy, headers: headers, trustedProxies: []) == "127.0.0.1")
        #expect(ClientAddress.of(peer: proxy, headers: headers, trustedProxies: ["127.0.0.1"]) == "10.0.0.2")
        #expect(ClientAddress.of(peer: proxy, headers: headers, trustedProxies: ["127.0.0.1", "10.0.0.2"]) == "198.51.100.7")
        #expect(
            ClientAddress.of(peer: proxy, headers: [ClientAddress.forwardedFor: "junk"], trustedProxies: ["127.0.0.1"])
                == ClientAddress.unknown)
        #expect(ClientAddress.of(peer: nil, headers: headers, trustedProxies: ["127.0.0.1"]) == ClientAddress.unknown)
        #expect(ClientAddress.normalized("::ffff:127.0.0.1") == "127.0.0.1")
        #expect(ClientAddress.normalized("0:0:0:0:0:0:0:1") == "::1")
    }

    /// Through the server, behind a trusted proxy on loopback: a guesser hammering Anna's account
    /// from one address; Anna, from another, gets in at once.
    @Test func behindTheProxyTheGuesserIsLimitedAndTheProfessionalGetsIn() async throws {
        let fixture = try WebFixture.make()
        var config = TestServer.config()
        config.web.plainHTTP = true
        config.web.trustedProxies = ["127.0.0.1", "::1"]
        let time = Mutex(Fixtures.start)
        let clock = WallClock { time.withLock { $0 } }
        let app = try buildApplication(
            config: config, database: fixture.database, library: Fixtures.library, clock: clock,
            transport: FakeProvider().transport, logger: .init(label: "test"), runDispatcher: false)
        try await app.test(.live) { client in
            let guesser = ProxiedClient(client: client, address: "203.0.113.9")
            let professional = ProxiedClient(client: client, address: "198.51.100.7")
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<12 { statuses.append(try await guesser.login(WebFixture.anna, "guess \(n)").status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests })
            let refused = try await guesser.login(WebFixture.anna, WebFixture.password)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(String(buffer: refused.body).contains("Probeer het over 1 seconde opnieuw"))
            #expect(try await professional.login(WebFixture.anna, WebFixture.password).status == .seeOther)
            // Once the wait is over, the right password works from the guesser's address too.
            time.withLock { $0 = $0.addingTimeInterval(1) }
            #expect(try await guesser.login(WebFixture.anna, WebFixture.password).status == .seeOther)
        }
    }
}

/// Requests as a reverse proxy sends them: from loopback, with the client in `X-Forwarded-For`.
struct ProxiedClient {
    let client: any TestClientProtocol
    let address: String

    func login(_ email: String, _ password: String) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get, headers: [ClientAddress.forwardedFor: address], body: nil)
        var headers = WebSession.form
        headers[.cookie] = "ww_login=\(WebSession.setCookie(page, "ww_login") ?? "")"
        headers[ClientAddress.forwardedFor] = address
        let body = WebSession.formBody([
            ("_login", WebSession.hidden("_login", in: String(buffer: page.body)) ?? ""), ("email", email),
            ("password", password)
        ])
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
