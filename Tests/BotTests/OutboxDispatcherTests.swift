@testable import Bot
import Dialog
import Foundation
import GRDB
import Logging
import Synchronization
import Testing

struct OutboxDispatcherTests {
    static let twilio = ServeConfig.Twilio(accountSid: "AC00000000000000000000000000000000", authToken: "secret",
                                           from: "+3197010250999", messagingServiceSid: nil)

    final class Clock: Sendable {
        let now = Mutex<Date>(Fixtures.start)
        var wall: WallClock { WallClock { [self] in now.withLock { $0 } } }
        func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    func setUp(_ provider: FakeProvider, clock: Clock, policy: DispatchPolicy = DispatchPolicy()) throws -> (AppDatabase, OutboxDispatcher, ConversationService) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let dispatcher = OutboxDispatcher(database: database, senders: ["sms": TwilioSender(config: Self.twilio, transport: provider.transport)],
                                          policy: policy, clock: clock.wall, metrics: nil, logger: Logger(label: "test"))
        return (database, dispatcher, service)
    }

    func statuses(_ database: AppDatabase) throws -> [String] {
        try database.reader.read { db in try String.fetchAll(db, sql: "SELECT status FROM outbox ORDER BY id") }
    }

    @Test func queuedRepliesGoOutOnceInOrder() async throws {
        let provider = FakeProvider(), clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        // One message per person per round keeps the order.
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["sent", "sent", "sent"])
        #expect(provider.requests.count == 3)
        let bodies = provider.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies[0].contains("Body=Hallo"))
        #expect(bodies[2].contains("meedoen"))
        #expect(try await dispatcher.tick() == 0)
        #expect(provider.requests.count == 3)
    }

    /// Found by scripts/faults: with the write lock held elsewhere past the 5 s busy timeout, the
    /// result of a send that went out was dropped and the message was sent again after its lease.
    @Test func aSendIsRecordedWhenTheDatabaseIsBusyLongerThanTheBusyTimeout() async throws {
        final class Sends: Sendable { let count = Mutex(0) }
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("db.sqlite").path
        let database = try AppDatabase.open(path: path)
        let service = try ConversationService(database: database, library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true  // the lock outlives one database access, on purpose
        let holder = try DatabaseQueue(path: path, configuration: unsafe)
        let sends = Sends()
        let transport = HTTPTransport { _ in
            let n = sends.count.withLock { $0 += 1; return $0 }
            if n == 1 {
                // Another process takes the write lock while the first send is under way, for 6 s.
                try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
                Task {
                    try await Task.sleep(for: .seconds(6))
                    try await holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
                }
            }
            return .init(status: 201, body: Data(#"{"sid":"SM\#(n)","status":"queued"}"#.utf8))
        }
        let dispatcher = OutboxDispatcher(database: database, senders: ["sms": TwilioSender(config: Self.twilio, transport: transport)],
                                          policy: DispatchPolicy(), clock: Clock().wall, metrics: nil, logger: Logger(label: "test"))
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["sent", "sent", "sent"])
        #expect(sends.count.withLock { $0 } == 3)
    }

    @Test func serverErrorsAndTimeoutsAreRetriedWithBackoff() async throws {
        let provider = FakeProvider(), clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        provider.behave(.serverError)
        #expect(try await dispatcher.tick() == 1)
        // Not due again before the backoff.
        #expect(try await dispatcher.tick() == 0)
        clock.advance(2.1)
        provider.behave(.timeout)
        #expect(try await dispatcher.tick() == 1)
        clock.advance(3)
        #expect(try await dispatcher.tick() == 0) // second backoff is 4 s
        clock.advance(2)
        provider.behave(.ok)
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["sent", "sent", "sent"])
        let attempts = try await database.reader.read { db in try Int.fetchAll(db, sql: "SELECT attempts FROM outbox ORDER BY id") }
        #expect(attempts == [3, 1, 1])
    }

    @Test func aPermanentErrorStopsAndTheNextMessageGoes() async throws {
        let provider = FakeProvider(), clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        provider.behave(.status(400, #"{"code":21211,"message":"Invalid 'To' Phone Number"}"#))
        #expect(try await dispatcher.tick() == 1)
        provider.behave(.ok)
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["failed", "sent", "sent"])
        let error = try await database.reader.read { db in try String.fetchOne(db, sql: "SELECT lastError FROM outbox WHERE status = 'failed'") }
        #expect(error == "twilio 21211: Invalid 'To' Phone Number")
        #expect(providerError("whatsapp", nil, "HTTP 401") == "whatsapp: HTTP 401")
    }

    @Test func twilioOptOutMarksThePersonAndCancelsTheRest() async throws {
        let provider = FakeProvider(), clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        provider.behave(.status(400, #"{"code":21610,"message":"Attempt to send to unsubscribed recipient"}"#))
        #expect(try await dispatcher.tick() == 1)
        #expect(try await dispatcher.tick() == 0)
        #expect(try statuses(database) == ["failed", "failed", "failed"])
        let optedOut = try await database.reader.read { db in try Bool.fetchOne(db, sql: "SELECT optedOut FROM person") }
        #expect(optedOut == true)
        let state = try await database.reader.read { db in try ConversationStore.state(personID: 1, flowID: "levenskracht", in: db) }
        #expect(state?.optedOut == true)
        #expect(provider.requests.count == 1)
    }

    @Test func givingUpAfterMaxAttempts() async throws {
        let provider = FakeProvider(), clock = Clock()
        var policy = DispatchPolicy()
        policy.maxAttempts = 3
        let (database, dispatcher, service) = try setUp(provider, clock: clock, policy: policy)
        _ = try service.handle(Fixtures.message("STOP", id: "SM1"))
        provider.behave(.serverError)
        for _ in 0..<3 {
            #expect(try await dispatcher.tick() == 1)
            clock.advance(policy.maxDelay)
        }
        #expect(try statuses(database) == ["failed"])
        #expect(try await dispatcher.tick() == 0)
    }

    @Test func aCrashBetweenClaimAndRecordResendsAfterTheLease() async throws {
        let provider = FakeProvider(), clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("STOP", id: "SM1"))
        // Claimed by a dispatcher that then died: nothing is recorded.
        let claimed = try await database.writer.write { db in
            try OutboxStore.claim(channels: ["sms"], now: Fixtures.start, lease: 60, limit: 10, in: db)
        }
        #expect(claimed.count == 1)
        #expect(try await dispatcher.tick() == 0) // still leased
        clock.advance(61)
        #expect(try await dispatcher.tick() == 1)
        #expect(try statuses(database) == ["sent"])
    }
}
