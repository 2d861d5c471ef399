import Dialog
import Foundation
import GRDB
import Logging
import Testing

@testable import Bot

/// Later messages to a JSON-gateway person, posted to the adapter's `send_url`.
struct JSONGatewaySenderTests {
    static let secret = "gateway-shared-secret"
    static let url = "http://127.0.0.1:9/send"

    func sender(_ provider: FakeProvider) -> JSONGatewaySender {
        JSONGatewaySender(sendURL: Self.url, secret: Self.secret, transport: provider.transport)
    }

    static let message = OutgoingMessage(
        outboxID: 42, personID: 7, channel: "json", address: "+31612345678", text: "Herinnering: bel de buurman")
    static let context = SendContext(lastInboundAt: nil, now: Fixtures.start, idempotencyKey: "wegwijzer-outbox-42")

    @Test func theRequestIsSignedJSONWithTheOutboxIdAsItsId() async throws {
        let provider = FakeProvider()
        provider.behave(.status(200, #"{"id":"gw-77"}"#))
        let result = await sender(provider).send(Self.message, context: Self.context)
        #expect(result == .sent(providerID: "gw-77"))
        let request = try #require(provider.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == Self.url)
        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(body == ["id": "wegwijzer-outbox-42", "to": "+31612345678", "text": "Herinnering: bel de buurman"])
        // The adapter checks it the way we check its webhook.
        #expect(GenericSignature.isValid(header: request.header("X-Signature"), rawBody: request.body, secret: Self.secret))
        #expect(!GenericSignature.isValid(header: request.header("X-Signature"), rawBody: request.body, secret: "other"))
    }

    @Test func anAnswerWithoutAnIdIsSentToo() async {
        let provider = FakeProvider()
        provider.behave(.status(204, ""))
        #expect(await sender(provider).send(Self.message, context: Self.context) == .sent(providerID: nil))
    }

    @Test(arguments: [408, 429, 500, 503])
    func busyOrBrokenAdaptersAreRetried(status: Int) async {
        let provider = FakeProvider()
        provider.behave(.status(status, "busy"))
        #expect(await sender(provider).send(Self.message, context: Self.context) == .retry("json gateway HTTP \(status)"))
    }

    @Test func aTimeoutIsRetried() async {
        let provider = FakeProvider()
        provider.behave(.timeout)
        guard case .retry = await sender(provider).send(Self.message, context: Self.context) else {
            Issue.record("a timeout must be retried")
            return
        }
    }

    @Test func aRefusalFailsTheMessageWithTheAdaptersReason() async {
        let provider = FakeProvider()
        provider.behave(.status(400, "unknown number"))
        #expect(await sender(provider).send(Self.message, context: Self.context) == .permanent("json gateway HTTP 400: unknown number"))
    }

    @Test func theDispatcherSendsAQueuedJSONMessageOnce() async throws {
        let provider = FakeProvider()
        provider.behave(.status(200, "{}"))
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        _ = try service.handle(
            InboundMessage(
                channel: "json", address: "+31612345678", phone: "+31612345678", providerID: "gw-1", text: "hoi",
                receivedAt: Fixtures.start))
        _ = try await database.write { db in
            let personID = try #require(try PersonStore.id(channel: "json", address: "+31612345678", in: db))
            return try MessageStore.queueOutbound(
                personID: personID, channel: "json", key: "test.later", text: "Later bericht", replyTo: nil, at: Fixtures.start, in: db)
        }
        let dispatcher = OutboxDispatcher(
            database: database, senders: ["json": sender(provider)], policy: DispatchPolicy(),
            clock: .fixed(Fixtures.start.addingTimeInterval(1)), metrics: nil, logger: Logger(label: "test"))
        while try await dispatcher.tick() > 0 {}
        // The replies (queued here: `handle` without the route's inline answer) and the later message,
        // each posted once, in order.
        let ids = try provider.requests.map { request in
            try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])["id"]
        }
        #expect(ids.count > 1)
        #expect(Set(ids).count == ids.count)
        #expect(String(decoding: try #require(provider.requests.last).body, as: UTF8.self).contains("Later bericht"))
        #expect(try await dispatcher.tick() == 0)
        let pending = try await database.read { db in try OutboxStore.pending(channel: "json", in: db) }
        #expect(pending.isEmpty)
    }
}
