import Dialog
import Dispatch
import Foundation
import GRDB
import Synchronization
import Testing

@testable import Bot

/// What keeps several instances on one PostgreSQL store from doing a thing twice, each shown with
/// two transactions open at the same moment (as two instances would have them): a job or an
/// outbox row taken by one is passed over by the other, a second turn of the same inwoner
/// waits until the first has committed, and two inwoners who name the same person share it.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable))
struct PostgresConcurrencyTests {
    /// Runs `first` in a write transaction on a thread of its own and keeps that transaction open
    /// until `second` (in another transaction, on this thread) has returned or `hold` has passed.
    static func overlapping<A: Sendable, B>(
        _ database: AppDatabase, hold: Duration = .seconds(1),
        first: @escaping @Sendable (any SQLConnection) throws -> A, second: (any SQLConnection) throws -> B
    ) throws -> (A, B, secondWaited: Duration) {
        let taken = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<A, any Error>?>(nil)
        Thread {
            let outcome = Result {
                try database.write { db in
                    let value = try first(db)
                    taken.signal()
                    _ = release.wait(timeout: .now() + .milliseconds(Int(hold.seconds * 1000)))
                    return value
                }
            }
            result.withLock { $0 = outcome }
            taken.signal()
            done.signal()
        }.start()
        taken.wait()
        let started = ContinuousClock.now
        let second = try database.write { db in try second(db) }
        let waited = ContinuousClock.now - started
        release.signal()
        done.wait()
        let first = try #require(result.withLock { $0 }).get()
        return (first, second, waited)
    }

    @Test func aJobTakenByOneInstanceIsPassedOverByTheOther() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        try database.write { db in
            for n in 0..<2 {
                let person = try ContractSeed.inwoner(phone: "+3161111111\(n)", in: db)
                try JobStore.add(
                    .weekly, personID: person, dueAt: ContractSeed.at(minutes: Double(n)), key: "weekly-\(n)", at: ContractSeed.now, in: db)
            }
        }
        let later = ContractSeed.at(minutes: 10)
        let (first, second, waited) = try Self.overlapping(
            database, first: { db in try JobStore.nextDue(at: later, in: db)?.id },
            second: { db in try JobStore.nextDue(at: later, in: db)?.id })
        #expect(first != nil && second != nil)
        #expect(first != second)
        // Passed over, not waited for.
        #expect(waited < .milliseconds(800))
    }

    @Test func aJobWhosePersonIsInATurnIsPassedOverNotWaitedFor() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        let (sam, kim) = try database.write { db in
            let sam = try ContractSeed.inwoner(phone: "+31611111111", in: db)
            let kim = try ContractSeed.inwoner(phone: "+31622222222", in: db)
            for (n, person) in [sam, kim].enumerated() {
                try JobStore.add(
                    .weekly, personID: person, dueAt: ContractSeed.at(minutes: Double(n)), key: "weekly-\(n)", at: ContractSeed.now, in: db)
            }
            return (sam, kim)
        }
        let later = ContractSeed.at(minutes: 10)
        // Sam's message is being applied: a runner takes Kim's job, although Sam's is due first.
        let (_, taken, waited) = try Self.overlapping(
            database, hold: .milliseconds(600), first: { db in try PersonStore.lockForTurn(personID: sam, in: db) },
            second: { db in try JobStore.nextDue(at: later, in: db)?.personID })
        #expect(taken == kim)
        #expect(waited < .milliseconds(400))
        // Nobody works on Sam now: the runner that asks again gets Sam's job.
        #expect(try database.write { db in try JobStore.nextDue(at: later, in: db)?.personID } == sam)
    }

    /// Each serving instance runs the scheduler; two runners that each hold one person and then
    /// wait for the other's would deadlock.
    @Test func twoRunnersAtOnceRunEveryDueJobOnce() async throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        let people = try await database.write { db in
            try (1...4).map { n in try ContractSeed.inwoner(phone: "+3161111111\(n)", name: "Inwoner \(n)", in: db) }
        }
        try await database.write { db in
            for n in 0..<40 {
                try JobStore.add(
                    .weekly, personID: people[n % people.count], dueAt: ContractSeed.at(minutes: Double(n)), key: "weekly-\(n)",
                    at: ContractSeed.now, in: db)
            }
        }
        let runner = JobRunner(service: try ConversationService(database: database, library: Fixtures.library))
        let later = ContractSeed.at(minutes: 60)
        async let first = runner.runDue(at: later, batch: 100)
        async let second = runner.runDue(at: later, batch: 100)
        let queued = try await first.count + second.count
        let (done, attempts) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE idempotencyKey LIKE 'weekly-%' AND status = 'done'"),
                try Int.fetchOne(db, sql: "SELECT MAX(attempts) FROM job WHERE idempotencyKey LIKE 'weekly-%'")
            )
        }
        #expect(done == 40)
        #expect(attempts == 1)
        #expect(queued == 40)
    }

    @Test func anOutboxRowLeasedByOneInstanceIsNotLeasedByTheOther() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        try database.write { db in
            for phone in ["+31611111111", "+31622222222"] {
                let person = try ContractSeed.inwoner(phone: phone, name: "Sam", in: db)
                for text in ["een", "twee"] {
                    _ = try MessageStore.queueOutbound(
                        personID: person, channel: "sms", key: "test", text: text, replyTo: nil, at: ContractSeed.now, in: db)
                }
            }
        }
        let claim: @Sendable (any SQLConnection) throws -> [Int64] = { db in
            try OutboxStore.claim(channels: ["sms"], now: ContractSeed.now, lease: 60, limit: 8, in: db).map(\.message.outboxID)
        }
        let (first, second, _) = try Self.overlapping(database, first: claim, second: claim)
        // Each instance leases the first waiting message of a person the other did not take.
        #expect(first.count + second.count == 2)
        #expect(Set(first).isDisjoint(with: second))
        // And once leased, neither the rows nor the persons' next messages are claimed again.
        #expect(try database.write { db in try claim(db) }.isEmpty)
    }

    @Test func aSecondTurnOfTheSameInwonerWaitsForTheFirstAndAnotherInwonersDoesNot() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        let (sam, kim) = try database.write { db in
            (try ContractSeed.inwoner(phone: "+31611111111", in: db), try ContractSeed.inwoner(phone: "+31622222222", in: db))
        }
        let (_, _, waitedSam) = try Self.overlapping(
            database, hold: .milliseconds(600), first: { db in try PersonStore.lockForTurn(personID: sam, in: db) },
            second: { db in try PersonStore.lockForTurn(personID: sam, in: db) })
        #expect(waitedSam >= .milliseconds(500))
        let (_, _, waitedKim) = try Self.overlapping(
            database, hold: .milliseconds(600), first: { db in try PersonStore.lockForTurn(personID: sam, in: db) },
            second: { db in try PersonStore.lockForTurn(personID: kim, in: db) })
        #expect(waitedKim < .milliseconds(400))
    }

    @Test func twoInwonersNamingTheSamePersonAtOnceShareThatPerson() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        let (sam, kim) = try database.write { db in
            (try ContractSeed.inwoner(phone: "+31611111111", in: db), try ContractSeed.inwoner(phone: "+31622222222", in: db))
        }
        let buddy = "+31633333333"
        let (first, second, waited) = try Self.overlapping(
            database, hold: .milliseconds(600),
            first: { db in
                try PersonStore.reachable(role: "netwerk", phone: buddy, name: "Jo", inwonerID: sam, at: ContractSeed.now, in: db)
            },
            second: { db in
                try PersonStore.reachable(role: "netwerk", phone: buddy, name: "Jo", inwonerID: kim, at: ContractSeed.now, in: db)
            })
        // The second waited for the first to commit, then took its person instead of failing.
        #expect(waited >= .milliseconds(500))
        #expect(first == second)
        let people = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person WHERE phone = ?", arguments: [buddy])
        }
        #expect(people == 1)
    }

    /// What a dead instance's open transaction and a long lock wait are bounded by, on every
    /// connection of the pool.
    @Test func everyConnectionBoundsIdleTransactionsAndLockWaits() throws {
        let database = try PostgresTestDatabase.makeStore()
        defer { PostgresTestDatabase.dropStore(database) }
        let settings = try database.read { db in
            (try String.fetchOne(db, sql: "SHOW idle_in_transaction_session_timeout"), try String.fetchOne(db, sql: "SHOW lock_timeout"))
        }
        #expect(settings.0 == "30s")
        #expect(settings.1 == "10s")
    }
}
