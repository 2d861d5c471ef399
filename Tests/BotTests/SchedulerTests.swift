import Dialog
import Foundation
import GRDB
import Logging
import Testing

@testable import Bot

struct SchedulerTests {
    /// One inwoner with a contact on `channel`, and `count` actions due on the given local day and time.
    static func seed(
        _ database: AppDatabase, persons: Int, actionsEach: Int, due: String, time: String?, at now: Date,
        service: ConversationService
    ) throws {
        try database.write { db in
            for p in 0..<persons {
                let phone = String(format: "+3161%07d", p)
                try db.execute(sql: "INSERT INTO person (role, phone, createdAt) VALUES ('inwoner', ?, ?)", arguments: [phone, now])
                let personID = try db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (?, 'sms', ?)", arguments: [personID, phone])
                try db.execute(
                    sql: "INSERT INTO goal (personId, localId, text, rank, createdAt) VALUES (?, 'goal-1', 'Doel', 1, ?)",
                    arguments: [personID, now])
                let goalID = try db.lastInsertedRowID
                for a in 0..<actionsEach {
                    try db.execute(
                        sql: """
                            INSERT INTO action (personId, goalId, localId, what, ownerKind, dueDate, dueTime, createdAt)
                            VALUES (?, ?, ?, ?, 'inwoner', ?, ?, ?)
                            """, arguments: [personID, goalID, "action-\(a)", "Stap \(a)", due, time, now])
                    try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: try db.lastInsertedRowID)
                }
            }
        }
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func remindersFollowTheWindowAndHappenOnce() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        // Saturday 10:00; due Monday 30 November 10:00: the day-before reminder (Sunday 18:00) moves to Monday 09:00.
        let now = Self.date("2026-11-28T10:00:00+01:00")
        try Self.seed(database, persons: 1, actionsEach: 1, due: "2026-11-30", time: "10:00", at: now, service: service)
        let jobs = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, dueAt FROM job WHERE status = 'pending' ORDER BY dueAt, kind")
        }
        let reminders = jobs.filter { $0["kind"] == "reminder" }.map { $0["dueAt"] as Date }
        #expect(reminders == [Self.date("2026-11-30T09:00:00+01:00")])
        let followups = jobs.filter { $0["kind"] == "followup" }.map { $0["dueAt"] as Date }
        #expect(followups == [Self.date("2026-11-30T11:00:00+01:00")])
        let runner = JobRunner(service: service)
        #expect(try await runner.runDue(at: Self.date("2026-11-29T18:00:00+01:00")).isEmpty)  // Sunday: nothing
        #expect(try await runner.runDue(at: Self.date("2026-11-30T09:00:00+01:00")).count == 1)
        #expect(try await runner.runDue(at: Self.date("2026-11-30T09:30:00+01:00")).isEmpty)  // not again
    }

    @Test func aPersonsOwnWindowMovesTheirReminders() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let now = Self.date("2026-11-23T10:00:00+01:00")
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, sendWindow, createdAt) VALUES ('inwoner', '+31610000000', ?, ?)",
                arguments: [#"{"start": "10:30", "end": "17:00"}"#, now])
        }
        try await database.write { db in
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', '+31610000000')")
            try db.execute(
                sql: "INSERT INTO goal (personId, localId, text, rank, createdAt) VALUES (1, 'g', 'Doel', 1, ?)", arguments: [now])
            try db.execute(
                sql: """
                    INSERT INTO action (personId, goalId, localId, what, ownerKind, dueDate, dueTime, createdAt)
                    VALUES (1, 1, 'a', 'Stap', 'inwoner', '2026-11-25', '12:00', ?)
                    """, arguments: [now])
            try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: 1)
        }
        let reminders = try await database.read { db in
            try Date.fetchAll(db, sql: "SELECT dueAt FROM job WHERE kind = 'reminder' ORDER BY dueAt")
        }
        // 18:00 the day before is after this person's 17:00 end: it moves to 10:30 on the day, where it meets the 09:00 one.
        #expect(reminders == [Self.date("2026-11-25T10:30:00+01:00")])
    }

    @Test func aRunnerThatDiesMidJobLeavesItPendingAndItRunsOnce() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let now = Self.date("2026-11-23T10:00:00+01:00")
        try Self.seed(database, persons: 1, actionsEach: 1, due: "2026-11-25", time: "10:00", at: now, service: service)
        let moment = Self.date("2026-11-24T18:00:00+01:00")
        struct Crash: Error {}
        // The job runs, queues its message, then the process "dies" before the commit.
        await #expect(throws: Crash.self) {
            try await database.write { db in
                guard let job = try JobStore.nextDue(at: moment, in: db) else { return }
                _ = try JobRunner(service: service).run(job, at: moment, in: db)
                throw Crash()
            }
        }
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") } == 0)
        #expect(try await JobRunner(service: service).runDue(at: moment).count == 1)
        #expect(try await JobRunner(service: service).runDue(at: moment).isEmpty)
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") } == 1)
    }

    @Test func twoRunnersAtOnceNeverRunAJobTwice() async throws {
        let database = try Fixtures.Storage.disk.open()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let now = Self.date("2026-11-23T10:00:00+01:00")
        try Self.seed(database, persons: 50, actionsEach: 2, due: "2026-11-25", time: "10:00", at: now, service: service)
        let moment = Self.date("2026-11-24T18:00:00+01:00")
        async let a = JobRunner(service: service).runDue(at: moment, batch: 7)
        async let b = JobRunner(service: service).runDue(at: moment, batch: 5)
        let total = try await a.count + b.count
        #expect(total == 100)
        let sent = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") }
        #expect(sent == 100)
    }

    /// The server's rounds commit a few jobs at a time, so inwoners' messages never wait long
    /// behind a round (a thousand invitations in transactions of 100 took the p99 from 18 to 46-56 ms).
    @Test func theServersRoundCommitsTenJobsAtATime() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        try Self.seed(
            database, persons: 13, actionsEach: 2, due: "2026-11-25", time: "10:00",
            at: Self.date("2026-11-23T10:00:00+01:00"), service: service)
        let commits = CommitCounter()
        try await database.writer.write { db in db.add(transactionObserver: commits, extent: .databaseLifetime) }
        let scheduler = SchedulerService(
            runner: JobRunner(service: service), clock: .fixed(Self.date("2026-11-24T18:00:00+01:00")),
            interval: 15, logger: Logger(label: "test"))
        #expect(try await scheduler.round().count == 26)
        #expect(commits.count == 3)  // 10, 10 and 6 jobs
    }

    @Test func anOptOutCancelsEveryPendingJob() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let now = Self.date("2026-11-23T10:00:00+01:00")
        try Self.seed(database, persons: 1, actionsEach: 3, due: "2026-11-25", time: "10:00", at: now, service: service)
        _ = try service.handle(
            InboundMessage(
                channel: "sms", address: "+31610000000", phone: "+31610000000", providerID: "x",
                text: "STOP", receivedAt: now))
        let pending = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE status = 'pending'")
        }
        #expect(pending == 0)
        #expect(try await JobRunner(service: service).runDue(at: Self.date("2026-11-26T12:00:00+01:00")).isEmpty)
    }

    /// An action still open three days after its due date raises one alert for the professional,
    /// whatever the send window; an answered action raises none.
    @Test func anOverdueActionWithoutAnswerRaisesOneAlert() async throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let now = Self.date("2026-11-23T10:00:00+01:00")
        try Self.seed(database, persons: 2, actionsEach: 1, due: "2026-11-25", time: "10:00", at: now, service: service)
        let overdue = try await database.read { db in
            try Date.fetchAll(db, sql: "SELECT dueAt FROM job WHERE kind = 'overdue' AND status = 'pending' ORDER BY personId")
        }
        #expect(overdue == [Self.date("2026-11-28T10:00:00+01:00"), Self.date("2026-11-28T10:00:00+01:00")])
        // The second inwoner's action was done in time.
        try await database.write { db in try db.execute(sql: "UPDATE action SET status = 'gedaan' WHERE personId = 2") }
        let runner = JobRunner(service: service)
        _ = try await runner.runDue(at: Self.date("2026-11-29T23:00:00+01:00"))  // a Sunday night: alerts do not wait for the window
        let alerts = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT personId, kind, detail FROM alert")
        }
        #expect(alerts.count == 1)
        #expect(alerts.first?["personId"] == 1)
        #expect(alerts.first?["kind"] == "actie_verlopen")
        #expect(alerts.first?["detail"] == "Stap 0")
        _ = try await runner.runDue(at: Self.date("2026-12-05T12:00:00+01:00"))
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert") } == 1)
    }

    /// 10,000 actions: every reminder queued once and delivered once to a fake gateway.
    @Test func tenThousandActionsNoneLostOrDoubled() async throws {
        let database = try Fixtures.Storage.disk.open()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let now = Self.date("2026-11-23T10:00:00+01:00")
        try Self.seed(database, persons: 1_000, actionsEach: 10, due: "2026-11-25", time: "10:00", at: now, service: service)
        let expected = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job WHERE kind = 'reminder' AND status = 'pending'")
        }
        #expect(expected == 20_000)
        let runner = JobRunner(service: service)
        var queued = try await runner.runDue(at: Self.date("2026-11-24T18:00:00+01:00"))
        queued += try await runner.runDue(at: Self.date("2026-11-25T09:00:00+01:00"))
        #expect(queued.count == 20_000)
        let provider = FakeProvider()
        let dispatcher = OutboxDispatcher(
            database: database, senders: ["sms": TwilioSender(config: OutboxDispatcherTests.twilio, transport: provider.transport)],
            policy: DispatchPolicy(), clock: .fixed(Self.date("2026-11-25T09:00:00+01:00")), metrics: nil,
            logger: Logger(label: "test"), concurrency: 64)
        while try await dispatcher.tick() > 0 {}
        let requests = provider.requests.count
        #expect(requests == 20_000)
        let distinct = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT providerMessageId) FROM outbox WHERE status = 'sent'")
        }
        #expect(distinct == 20_000)
    }
}

/// Counts the commits that changed a job.
private final class CommitCounter: TransactionObserver, @unchecked Sendable {
    private(set) var count = 0
    private var changed = false
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { eventKind.tableName == "job" }
    func databaseDidChange(with event: DatabaseEvent) { changed = true }
    func databaseDidCommit(_ db: Database) {
        if changed { count += 1 }
        changed = false
    }
    func databaseDidRollback(_ db: Database) { changed = false }
}
