import Dialog
import Foundation
import GRDB
import Logging
import Synchronization
import Testing

@testable import Bot

struct OutboxDispatcherTests {
    static let twilio = ServeConfig.Twilio(
        accountSid: "AC00000000000000000000000000000000", authToken: "secret",
        from: "+3197010250999", messagingServiceSid: nil)

    final class Clock: Sendable {
        let now = Mutex<Date>(Fixtures.start)
        var wall: WallClock { WallClock { [self] in now.withLock { $0 } } }
        func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    func setUp(_ provider: FakeProvider, clock: Clock, policy: DispatchPolicy = DispatchPolicy()) throws -> (
        AppDatabase, OutboxDispatcher, ConversationService
    ) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let dispatcher = OutboxDispatcher(
            database: database, senders: ["sms": TwilioSender(config: Self.twilio, transport: provider.transport)],
            policy: policy, clock: clock.wall, metrics: nil, logger: Logger(label: "test"))
        return (database, dispatcher, service)
    }

    /// What a dispatcher claims with a 60-second lease (in the tests where it dies before recording anything).
    func claim(_ database: AppDatabase, at now: Date) async throws -> [OutboxStore.Claimed] {
        try await database.write { db in try OutboxStore.claim(channels: ["sms"], now: now, lease: 60, limit: 10, in: db) }
    }

    func statuses(_ database: AppDatabase) throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT status FROM outbox ORDER BY id") }
    }

    @Test func queuedRepliesGoOutOnceInOrder() async throws {
        let provider = FakeProvider()
        let clock = Clock()
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
            let n = sends.count.withLock {
                $0 += 1
                return $0
            }
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
        let dispatcher = OutboxDispatcher(
            database: database, senders: ["sms": TwilioSender(config: Self.twilio, transport: transport)],
            policy: DispatchPolicy(), clock: Clock().wall, metrics: nil, logger: Logger(label: "test"))
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["sent", "sent", "sent"])
        #expect(sends.count.withLock { $0 } == 3)
    }

    @Test func serverErrorsAndTimeoutsAreRetriedWithBackoff() async throws {
        let provider = FakeProvider()
        let clock = Clock()
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
        #expect(try await dispatcher.tick() == 0)  // second backoff is 4 s
        clock.advance(2)
        provider.behave(.ok)
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["sent", "sent", "sent"])
        let attempts = try await database.read { db in try Int.fetchAll(db, sql: "SELECT attempts FROM outbox ORDER BY id") }
        #expect(attempts == [3, 1, 1])
    }

    @Test func aPermanentErrorStopsAndTheNextMessageGoes() async throws {
        let provider = FakeProvider()
        let clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        provider.behave(.status(400, #"{"code":21211,"message":"Invalid 'To' Phone Number"}"#))
        #expect(try await dispatcher.tick() == 1)
        provider.behave(.ok)
        while try await dispatcher.tick() > 0 {}
        #expect(try statuses(database) == ["failed", "sent", "sent"])
        let error = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT lastError FROM outbox WHERE status = 'failed'")
        }
        #expect(error == "twilio 21211: Invalid 'To' Phone Number")
        #expect(providerError("whatsapp", nil, "HTTP 401") == "whatsapp: HTTP 401")
    }

    @Test func twilioOptOutMarksThePersonAndCancelsTheRest() async throws {
        let provider = FakeProvider()
        let clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        provider.behave(.status(400, #"{"code":21610,"message":"Attempt to send to unsubscribed recipient"}"#))
        #expect(try await dispatcher.tick() == 1)
        #expect(try await dispatcher.tick() == 0)
        #expect(try statuses(database) == ["failed", "failed", "failed"])
        let optedOut = try await database.read { db in try Bool.fetchOne(db, sql: "SELECT optedOut FROM person") }
        #expect(optedOut == true)
        let state = try await database.read { db in try ConversationStore.state(personID: 1, flowID: "levenskracht", in: db) }
        #expect(state?.optedOut == true)
        #expect(provider.requests.count == 1)
    }

    @Test func givingUpAfterMaxAttempts() async throws {
        let provider = FakeProvider()
        let clock = Clock()
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
        let provider = FakeProvider()
        let clock = Clock()
        let (database, dispatcher, service) = try setUp(provider, clock: clock)
        _ = try service.handle(Fixtures.message("STOP", id: "SM1"))
        // Claimed by a dispatcher that then died: nothing is recorded.
        let claimed = try await claim(database, at: Fixtures.start)
        #expect(claimed.count == 1)
        #expect(try await dispatcher.tick() == 0)  // still leased
        clock.advance(61)
        #expect(try await dispatcher.tick() == 1)
        #expect(try statuses(database) == ["sent"])
    }

    /// A Twilio on the test's side: accepts sends, and lists what it accepted, newest first.
    final class ListingTwilio: Sendable {
        struct Accepted: Sendable { var sid, to, body: String }
        let state = Mutex<(accepted: [Accepted], posts: Int, lists: Int)>(([], 0, 0))

        var posts: Int { state.withLock { $0.posts } }
        var lists: Int { state.withLock { $0.lists } }

        func accept(sid: String, to: String, body: String) { state.withLock { $0.accepted.append(Accepted(sid: sid, to: to, body: body)) } }

        var transport: HTTPTransport {
            HTTPTransport { [self] request in
                if request.method == "GET" {
                    let entries = state.withLock { s -> [[String: String]] in
                        s.lists += 1
                        return s.accepted.reversed().map {
                            [
                                "sid": $0.sid, "to": $0.to, "body": $0.body, "direction": "outbound-api",
                                "date_created": "Mon, 23 Nov 2026 09:00:01 +0000"
                            ]
                        }
                    }
                    return .init(status: 200, body: try JSONSerialization.data(withJSONObject: ["messages": entries]))
                }
                let form = Dictionary(FormURLEncoded.decode(request.body) ?? [], uniquingKeysWith: { first, _ in first })
                let sid = state.withLock { s -> String in
                    s.posts += 1
                    let sid = "SM\(s.accepted.count + 1)"
                    s.accepted.append(Accepted(sid: sid, to: form["To"] ?? "", body: form["Body"] ?? ""))
                    return sid
                }
                return .init(status: 201, body: Data(#"{"sid":"\#(sid)","status":"queued"}"#.utf8))
            }
        }
    }

    func setUp(_ twilio: ListingTwilio, clock: Clock) throws -> (AppDatabase, OutboxDispatcher, ConversationService) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let dispatcher = OutboxDispatcher(
            database: database, senders: ["sms": TwilioSender(config: Self.twilio, transport: twilio.transport)],
            policy: DispatchPolicy(), clock: clock.wall, metrics: nil, logger: Logger(label: "test"))
        return (database, dispatcher, service)
    }

    func providerIDs(_ database: AppDatabase) throws -> [String?] {
        try database.read { db in try String?.fetchAll(db, sql: "SELECT providerMessageId FROM outbox ORDER BY id") }
    }

    @Test func aClaimThatRanOutUnrecordedMakesTheNextOneInDoubt() async throws {
        let (database, _, service) = try setUp(ListingTwilio(), clock: Clock())
        _ = try service.handle(Fixtures.message("STOP", id: "SM1"))
        let first = try await claim(database, at: Fixtures.start)
        #expect(first.count == 1)
        #expect(first[0].inDoubtSince == nil)
        let second = try await claim(database, at: Fixtures.start.addingTimeInterval(61))
        #expect(second.first?.inDoubtSince == Fixtures.start)
        // A recorded result clears the doubt: a retry after an error is claimed as a new attempt.
        _ = try await database.write { db in
            try OutboxStore.record(
                .retry("twilio HTTP 503"), for: second[0], policy: DispatchPolicy(), now: Fixtures.start.addingTimeInterval(61), in: db)
        }
        let third = try await claim(database, at: Fixtures.start.addingTimeInterval(3_600))
        #expect(third.count == 1)
        #expect(third[0].inDoubtSince == nil)
    }

    /// A dispatcher claimed the reply and died before recording anything: after Twilio took the
    /// message (`wentOut`: it is recorded, not sent again) or before (it is sent now).
    @Test(arguments: [true, false])
    func anInterruptedSendGoesOutOnce(wentOut: Bool) async throws {
        let twilio = ListingTwilio()
        let clock = Clock()
        let (database, dispatcher, service) = try setUp(twilio, clock: clock)
        _ = try service.handle(Fixtures.message("STOP", id: "SM1"))
        let claimed = try await claim(database, at: Fixtures.start)
        if wentOut {
            let sender = TwilioSender(config: Self.twilio, transport: twilio.transport)
            #expect(
                await sender.send(claimed[0].message, context: SendContext(now: Fixtures.start, idempotencyKey: ""))
                    == .sent(providerID: "SM1"))
        }
        clock.advance(61)
        #expect(try await dispatcher.tick() == 1)
        #expect(try statuses(database) == ["sent"])
        #expect(try providerIDs(database) == ["SM1"])
        #expect(twilio.posts == 1)
        #expect(twilio.lists == 1)
        // Sending normally does not ask the list.
        _ = try service.handle(Fixtures.message("hoi", id: "SM2", phone: "+31622222222"))
        while try await dispatcher.tick() > 0 {}
        #expect(twilio.lists == 1)
        #expect(twilio.posts > 1)
    }

    @Test func anEarlierMessageWithTheSameTextIsNotTakenForTheInterruptedOne() async throws {
        let twilio = ListingTwilio()
        let clock = Clock()
        let (database, dispatcher, service) = try setUp(twilio, clock: clock)
        _ = try service.handle(Fixtures.message("STOP", id: "SM1"))
        // The same text went to the same person before, and that send was recorded.
        try await database.write { db in
            let (person, text) = try #require(
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT o.personId, m.text FROM outbox o JOIN message m ON m.id = o.messageId
                        """
                ).map { (row: Row) -> (Int64, String) in (row["personId"], row["text"]) })
            try db.execute(
                sql: "INSERT INTO message (personId, direction, channel, text, createdAt) VALUES (?, 'out', 'sms', ?, ?)",
                arguments: [person, text, Fixtures.start])
            try db.execute(
                sql: """
                    INSERT INTO outbox (messageId, personId, channel, status, attempts, providerMessageId, createdAt, sentAt)
                    VALUES (?, ?, 'sms', 'sent', 1, 'SMold', ?, ?)
                    """, arguments: [try db.lastInsertedRowID, person, Fixtures.start, Fixtures.start])
            twilio.accept(sid: "SMold", to: "+31612345678", body: text)
            _ = try OutboxStore.claim(channels: ["sms"], now: Fixtures.start, lease: 60, limit: 10, in: db)
        }
        clock.advance(61)
        #expect(try await dispatcher.tick() == 1)
        #expect(twilio.lists == 1)
        #expect(twilio.posts == 1)
        #expect(try providerIDs(database) == ["SM2", "SMold"])
    }
}
