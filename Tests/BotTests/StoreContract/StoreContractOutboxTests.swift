import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The outbox (`OutboxStore`, `OutboxStore+Dispatch`): queued messages claimed under a lease, one
/// per person at a time and in order, and what each attempt gave.
struct StoreContractOutboxTests {
    static let policy = DispatchPolicy(maxAttempts: 3, baseDelay: 10, maxDelay: 600, lease: 60)

    struct World { var ans: Int64, bo: Int64, ans1: OutgoingMessage, ans2: OutgoingMessage, bo1: OutgoingMessage }

    /// Two messages queued for Ans and one for Bo, on SMS.
    static func world(_ database: AppDatabase) throws -> World {
        try database.write { db in
            let ans = try ContractSeed.inwoner(phone: "+31611111111", name: "Ans", in: db)
            let bo = try ContractSeed.inwoner(phone: "+31622222222", name: "Bo", in: db)
            func queue(_ personID: Int64, _ text: String) throws -> OutgoingMessage {
                try MessageStore.queueOutbound(
                    personID: personID, channel: "sms", key: "k", text: text, replyTo: nil, at: ContractSeed.now, in: db)
            }
            return World(ans: ans, bo: bo, ans1: try queue(ans, "Een"), ans2: try queue(ans, "Twee"), bo1: try queue(bo, "Drie"))
        }
    }

    static func claim(_ database: AppDatabase, at date: Date, channels: [String] = ["sms"], limit: Int = 10) throws -> [OutboxStore.Claimed]
    {
        try database.write { db in try OutboxStore.claim(channels: channels, now: date, lease: 60, limit: limit, in: db) }
    }

    static func record(_ result: SendResult, _ claimed: OutboxStore.Claimed, _ database: AppDatabase, at date: Date) throws -> Bool {
        try database.write { db in try OutboxStore.record(result, for: claimed, policy: policy, now: date, in: db) }
    }

    @Test(arguments: StoreBackend.allCases)
    func theOldestMessageOfEachPersonIsClaimedWithItsAddressAndNotAgainWhileLeased(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let claimed = try Self.claim(database, at: ContractSeed.now)
            // One message per person in flight: Ans's second waits for her first.
            #expect(claimed.map(\.message) == [world.ans1, world.bo1])
            #expect(claimed.map(\.message.address) == ["+31611111111", "+31622222222"])
            #expect(claimed.allSatisfy { $0.attempts == 0 && $0.inDoubtSince == nil })
            // Leased: nobody claims them again before the lease ends, nor Ans's next one.
            #expect(try Self.claim(database, at: ContractSeed.now).isEmpty)
            #expect(try Self.claim(database, at: ContractSeed.at(minutes: 0.99)).isEmpty)
            // Still pending meanwhile (claiming is not sending).
            #expect(
                try database.read { db in try OutboxStore.pending(channel: "sms", in: db) } == [world.ans1, world.ans2, world.bo1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aClaimWhoseLeaseRanOutUnrecordedReturnsInDoubt(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            _ = try Self.claim(database, at: ContractSeed.now)
            let again = try Self.claim(database, at: ContractSeed.at(minutes: 1))
            #expect(again.map(\.message) == [world.ans1, world.bo1])
            // The earlier attempt may have gone out: it says since when the message was queued.
            #expect(again.allSatisfy { $0.inDoubtSince == ContractSeed.now && $0.attempts == 0 })
            // A recorded result clears the doubt: a retry is claimed as a new attempt.
            _ = try Self.record(.retry("HTTP 503"), try #require(again.first), database, at: ContractSeed.at(minutes: 1))
            let retried = try Self.claim(database, at: ContractSeed.at(minutes: 1.5))
            #expect(retried.map(\.message) == [world.ans1])
            #expect(retried.first?.inDoubtSince == nil && retried.first?.attempts == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aSentMessageLetsThePersonsNextOneGo(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let claimed = try Self.claim(database, at: ContractSeed.now)
            let optedOut = try Self.record(
                .sent(providerID: "SM1"), try #require(claimed.first), database, at: ContractSeed.at(minutes: 0.1))
            #expect(!optedOut)
            // Sent is not claimed again, even after its lease would have ended; Ans's next one is due now.
            #expect(try Self.claim(database, at: ContractSeed.at(minutes: 0.2)).map(\.message) == [world.ans2])
            #expect(try Self.claim(database, at: ContractSeed.at(minutes: 5)).map(\.message) == [world.ans2, world.bo1])
            try database.read { db throws in
                #expect(try OutboxStore.pending(channel: "sms", in: db) == [world.ans2, world.bo1])
                #expect(try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db) != nil)
                #expect(try OutboxStore.firstUnrecorded(["SM1", "SM9", "SM8"], channel: "sms", in: db) == "SM9")
                #expect(try OutboxStore.firstUnrecorded(["SM1"], channel: "sms", in: db) == nil)
                #expect(try OutboxStore.firstUnrecorded(["SM1"], channel: "whatsapp", in: db) == "SM1")
                #expect(try OutboxStore.firstUnrecorded([], channel: "sms", in: db) == nil)
                #expect(try OutboxStore.depth(in: db) == 2)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aRetryWaitsItsBackoffAndFailsAfterTheLastAttempt(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            // Only Bo's message is watched here (Ans's come back as their leases run out).
            func claimBo(at date: Date) throws -> [OutboxStore.Claimed] {
                try Self.claim(database, at: date).filter { $0.message.personID == world.bo }
            }
            var now = ContractSeed.now
            var claimed = try #require(try claimBo(at: now).first)
            // Attempt 1 failed: back after baseDelay (10 s); the provider's own wait counts when longer.
            _ = try Self.record(.retry("HTTP 503"), claimed, database, at: now)
            #expect(try claimBo(at: now.addingTimeInterval(9)).isEmpty)
            now = now.addingTimeInterval(10)
            claimed = try #require(try claimBo(at: now).first)
            #expect(claimed.message == world.bo1 && claimed.attempts == 1 && claimed.inDoubtSince == nil)
            _ = try Self.record(.retryAfter(seconds: 120, "HTTP 429"), claimed, database, at: now)
            #expect(try claimBo(at: now.addingTimeInterval(119)).isEmpty)
            now = now.addingTimeInterval(120)
            claimed = try #require(try claimBo(at: now).first)
            #expect(claimed.attempts == 2)
            // The third of three attempts fails: the message is given up.
            _ = try Self.record(.retry("HTTP 503"), claimed, database, at: now)
            #expect(try claimBo(at: now.addingTimeInterval(86_400)).isEmpty)
            #expect(try database.read { db in try OutboxStore.pending(channel: "sms", personID: world.bo, in: db) }.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aPermanentFailureGivesUpTheMessageAndTheNextOneGoes(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let claimed = try Self.claim(database, at: ContractSeed.now)
            _ = try Self.record(.permanent("HTTP 400"), try #require(claimed.first), database, at: ContractSeed.now)
            #expect(try Self.claim(database, at: ContractSeed.at(minutes: 5)).map(\.message) == [world.ans2, world.bo1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anOptOutAtTheProviderCancelsEverythingPendingForThatPerson(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let claimed = try Self.claim(database, at: ContractSeed.now)
            #expect(try Self.record(.optedOut, try #require(claimed.first), database, at: ContractSeed.now))
            try database.read { db throws in
                #expect(try OutboxStore.pending(channel: "sms", personID: world.ans, in: db).isEmpty)
                #expect(try OutboxStore.pending(channel: "sms", in: db) == [world.bo1])
            }
            #expect(try Self.claim(database, at: ContractSeed.at(minutes: 5)).map(\.message) == [world.bo1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aStopCancelsThePendingMessagesButItsOwnConfirmation(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, confirmation, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", name: "Ans", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", name: "Bo", in: db)
                _ = try MessageStore.queueOutbound(
                    personID: id, channel: "sms", key: "k", text: "Herinnering", replyTo: nil, at: ContractSeed.now, in: db)
                let stop = try #require(
                    try MessageStore.insertInbound(Fixtures.message("STOP", id: "SM1", phone: "+31611111111"), personID: id, in: db))
                let confirmation = try MessageStore.queueOutbound(
                    personID: id, channel: "sms", key: "k", text: "Je bent afgemeld", replyTo: stop,
                    at: ContractSeed.now, in: db)
                let others = try MessageStore.queueOutbound(
                    personID: other, channel: "sms", key: "k", text: "Voor Bo", replyTo: nil, at: ContractSeed.now, in: db)
                try OutboxStore.cancelPending(personID: id, except: stop, reason: "STOP", in: db)
                return (id, confirmation, others)
            }
            try database.read { db throws in
                #expect(try OutboxStore.pending(channel: "sms", personID: id, in: db) == [confirmation])
                #expect(try OutboxStore.pending(channel: "sms", in: db) == [confirmation, other])
            }
            try database.write { db in try OutboxStore.cancelPending(personID: id, reason: "opted out", in: db) }
            #expect(try database.read { db in try OutboxStore.pending(channel: "sms", in: db) } == [other])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func whatTheWebChatShowedStopsWaitingButWhatCameAfterOrIsInFlight(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            // Ans's first message is being sent right now; her second waits behind it.
            let claimed = try Self.claim(database, at: ContractSeed.now)
            #expect(claimed.map(\.message) == [world.ans1, world.bo1])
            let (cancelled, later) = try database.write { db in
                let answer = try #require(
                    try MessageStore.insertInbound(
                        InboundMessage(
                            channel: "web", address: "", phone: nil, providerID: "form-1", text: "ja", receivedAt: ContractSeed.now,
                            personID: world.ans), personID: world.ans, in: db))
                let later = try MessageStore.queueOutbound(
                    personID: world.ans, channel: "sms", key: "k", text: "Na het antwoord", replyTo: nil, at: ContractSeed.now, in: db)
                let cancelled = try OutboxStore.cancelShown(
                    personID: world.ans, before: answer, at: ContractSeed.now, reason: "shown in the web chat", in: db)
                return (cancelled, later)
            }
            #expect(cancelled == 1)
            try database.read { db throws in
                // The one in flight stays the dispatcher's, what came after the answer waits, Bo's is untouched.
                #expect(try OutboxStore.pending(channel: "sms", personID: world.ans, in: db) == [world.ans1, later])
                #expect(try OutboxStore.pending(channel: "sms", personID: world.bo, in: db) == [world.bo1])
            }
            // Once its lease has run out unrecorded, a shown message stops waiting too.
            let again = try database.write { db in
                try OutboxStore.cancelShown(
                    personID: world.ans, before: Int64.max, at: ContractSeed.at(minutes: 5),
                    reason: "shown in the web chat", in: db)
            }
            #expect(again == 2)
            #expect(try database.read { db in try OutboxStore.pending(channel: "sms", personID: world.ans, in: db) }.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyTheAskedChannelsAreClaimedUpToTheLimit(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (telegram, whatsapp) = try database.write { db in
                let a = try PersonStore.findOrCreate(channel: "telegram", address: "4242", phone: nil, at: ContractSeed.now, in: db)
                let b = try PersonStore.findOrCreate(
                    channel: "whatsapp", address: "31622222222", phone: "+31622222222", at: ContractSeed.now, in: db)
                return (
                    try MessageStore.queueOutbound(
                        personID: a, channel: "telegram", key: "k", text: "Hoi", replyTo: nil, at: ContractSeed.now, in: db),
                    try MessageStore.queueOutbound(
                        personID: b, channel: "whatsapp", key: "k", text: "Hoi", replyTo: nil, at: ContractSeed.now, in: db)
                )
            }
            #expect(try Self.claim(database, at: ContractSeed.now, channels: []).isEmpty)
            #expect(try Self.claim(database, at: ContractSeed.now, channels: ["sms"]).isEmpty)
            let first = try Self.claim(database, at: ContractSeed.now, channels: ["telegram", "whatsapp"], limit: 1)
            #expect(first.map(\.message) == [telegram])
            #expect(first.first?.message.address == "4242")
            let claimed = try Self.claim(database, at: ContractSeed.now, channels: ["whatsapp"])
            #expect(claimed.map(\.message) == [whatsapp])
            // The moment the person last wrote on that channel (WhatsApp's 24 hours).
            #expect(claimed.first?.lastInboundAt == ContractSeed.now)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theRepliesToAMessageAreFoundForARedeliveryAndMarkedSent(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (message, replies) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", name: "Ans", in: db)
                let message = try #require(
                    try MessageStore.insertInbound(Fixtures.message("hoi", id: "SM1", phone: "+31611111111"), personID: id, in: db))
                let replies = [
                    try MessageStore.queueOutbound(
                        personID: id, channel: "sms", key: "k", text: "Een", replyTo: message, at: ContractSeed.now, in: db),
                    try MessageStore.queueOutbound(
                        personID: id, channel: "sms", key: "k", text: "Twee", replyTo: message, at: ContractSeed.now,
                        sentInline: true, in: db)
                ]
                _ = try MessageStore.queueOutbound(
                    personID: id, channel: "sms", key: "k", text: "Los", replyTo: nil, at: ContractSeed.now, in: db)
                return (message, replies)
            }
            #expect(try database.read { db in try OutboxStore.replies(to: message, in: db) } == replies)
            #expect(try database.read { db in try OutboxStore.replies(to: 999, in: db) }.isEmpty)
            try database.write { db in try OutboxStore.markSent([replies[0].outboxID], at: ContractSeed.now, in: db) }
            #expect(try database.read { db in try OutboxStore.pending(channel: "sms", in: db) }.map(\.text) == ["Los"])
            #expect(try Self.claim(database, at: ContractSeed.at(minutes: 5)).map(\.message.text) == ["Los"])
        }
    }
}
