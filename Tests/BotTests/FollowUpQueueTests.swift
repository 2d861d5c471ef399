import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Follow-up questions for one person never replace each other: they wait for the open one, go
/// out in the order they first fell due, are asked once more when unanswered, and then become a
/// signal for the professional.
final class FollowUpQueueTests {
    static let phone = "+31610000000"
    var n = 0

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// One inwoner (id 1) with an action per `(what, due date, due time)`, planned on Monday 23 November 10:00.
    static func seed(_ actions: [(String, String, String)], service: ConversationService) throws {
        let now = date("2026-11-23T10:00:00+01:00")
        try service.database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, 'Sam', ?)", arguments: [phone, now])
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', ?)", arguments: [phone])
            try db.execute(
                sql: "INSERT INTO goal (personId, localId, text, rank, createdAt) VALUES (1, 'g', 'Doel', 1, ?)", arguments: [now])
            for (index, (what, day, time)) in actions.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO action (personId, goalId, localId, what, ownerKind, dueDate, dueTime, createdAt)
                        VALUES (1, 1, ?, ?, 'inwoner', ?, ?, ?)
                        """, arguments: ["a\(index)", what, day, time, now])
                try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: try db.lastInsertedRowID)
            }
        }
    }

    func send(_ text: String, at iso: String, _ service: ConversationService) throws {
        n += 1
        _ = try service.handle(
            InboundMessage(
                channel: "sms", address: Self.phone, phone: Self.phone, providerID: "F\(n)", text: text,
                receivedAt: Self.date(iso)))
    }

    /// The follow-up questions among the messages a run queued, by the step they name.
    func asked(at iso: String, _ service: ConversationService) async throws -> [String] {
        try await JobRunner(service: service).runDue(at: Self.date(iso)).compactMap { message in
            guard message.text.contains("Is het gelukt?") else { return nil }
            return message.text.components(separatedBy: ": ").dropFirst().first?.components(separatedBy: " (").first
        }
    }

    func alerts(_ service: ConversationService) throws -> [String] {
        try service.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT kind || ': ' || COALESCE(detail, '') FROM alert WHERE kind = 'opvolging_onbeantwoord' ORDER BY id")
        }
    }

    func activeFlow(_ service: ConversationService) throws -> String? {
        try service.database.read { db in try ConversationService.activeFlow(personID: 1, in: db) }
    }

    @Test func followUpsThatFallDueWhileOneIsOpenWaitAndGoOutInTheOrderTheyFellDue() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        // C falls due before B, but B's action (and so its job) was made first.
        try Self.seed(
            [("Bellen", "2026-11-24", "10:00"), ("Brief schrijven", "2026-11-26", "10:00"), ("Formulier invullen", "2026-11-25", "10:00")],
            service: service)
        #expect(try await asked(at: "2026-11-24T11:05:00+01:00", service) == ["Bellen"])
        // C is due and waits; Bellen is asked once more, not replaced.
        #expect(try await asked(at: "2026-11-25T11:05:00+01:00", service) == ["Bellen"])
        #expect(try await asked(at: "2026-11-26T11:02:00+01:00", service).isEmpty)  // B waits too
        let held = try service.database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT actionId, firstDueAt, held FROM job WHERE kind = 'followup' AND status = 'pending' ORDER BY actionId")
        }
        #expect(held.map { $0["actionId"] as Int64 } == [2, 3])
        #expect(held.map { $0["held"] as Bool } == [true, true])
        #expect(held.map { $0["firstDueAt"] as Date } == [Self.date("2026-11-26T11:00:00+01:00"), Self.date("2026-11-25T11:00:00+01:00")])
        try send("ja", at: "2026-11-26T11:03:00+01:00", service)
        try send("8", at: "2026-11-26T11:03:30+01:00", service)
        // Released at once, not an hour later; the one first due goes first.
        #expect(try await asked(at: "2026-11-26T11:04:00+01:00", service) == ["Formulier invullen"])
        try send("ja", at: "2026-11-26T11:05:00+01:00", service)
        try send("7", at: "2026-11-26T11:05:30+01:00", service)
        #expect(try await asked(at: "2026-11-26T11:06:00+01:00", service) == ["Brief schrijven"])
        let statuses = try await service.database.read { db in try String.fetchAll(db, sql: "SELECT status FROM action ORDER BY id")
        }
        #expect(statuses == ["gedaan", "gepland", "gedaan"])
    }

    @Test func anUnansweredFollowUpIsAskedOnceMoreThenSignalledAndClosed() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try Self.seed([("Bellen", "2026-11-24", "10:00"), ("Brief schrijven", "2026-11-25", "10:00")], service: service)
        #expect(try await asked(at: "2026-11-24T11:05:00+01:00", service) == ["Bellen"])
        #expect(try await asked(at: "2026-11-25T11:04:00+01:00", service).isEmpty)
        #expect(try await asked(at: "2026-11-25T11:05:00+01:00", service) == ["Bellen"])
        #expect(try alerts(service).isEmpty)
        // A day after asking again: a signal, the conversation closed, and the waiting follow-up goes out in the same run.
        #expect(try await asked(at: "2026-11-26T11:05:00+01:00", service) == ["Brief schrijven"])
        #expect(try alerts(service) == ["opvolging_onbeantwoord: Bellen"])
        #expect(try await asked(at: "2026-11-27T11:05:00+01:00", service) == ["Brief schrijven"])
        #expect(try await asked(at: "2026-11-28T11:05:00+01:00", service).isEmpty)
        #expect(try alerts(service) == ["opvolging_onbeantwoord: Bellen", "opvolging_onbeantwoord: Brief schrijven"])
        #expect(try activeFlow(service) == nil)
        let finished = try await service.database.read { db in
            try ConversationStore.state(personID: 1, flowID: "opvolging", in: db)?.finished
        }
        #expect(finished == true)
        // Nothing more after that: no third question, no second signal.
        #expect(try await asked(at: "2026-12-05T11:05:00+01:00", service).isEmpty)
        #expect(try alerts(service).count == 2)
    }

    @Test func anAnswerEndsTheWatch() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try Self.seed([("Bellen", "2026-11-24", "10:00")], service: service)
        #expect(try await asked(at: "2026-11-24T11:05:00+01:00", service) == ["Bellen"])
        try send("later", at: "2026-11-24T15:00:00+01:00", service)
        try send("zaterdag", at: "2026-11-24T15:01:00+01:00", service)
        #expect(try await asked(at: "2026-11-25T11:05:00+01:00", service).isEmpty)
        #expect(try await asked(at: "2026-11-26T11:05:00+01:00", service).isEmpty)
        #expect(try alerts(service).isEmpty)
        let watches = try await service.database.read { db in
            try String.fetchAll(db, sql: "SELECT note FROM job WHERE kind = 'followup_again'")
        }
        #expect(watches == ["the conversation ended"])
    }

    /// Answered, then a later question in the same conversation left open: no second question
    /// and no signal, but a day of silence later it no longer holds the next follow-up.
    @Test func aConversationLeftHalfwayIsClosedQuietlyAfterADayOfSilence() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try Self.seed([("Bellen", "2026-11-24", "10:00"), ("Brief schrijven", "2026-11-25", "10:00")], service: service)
        #expect(try await asked(at: "2026-11-24T11:05:00+01:00", service) == ["Bellen"])
        try send("nee", at: "2026-11-25T10:30:00+01:00", service)  // "Wat zat in de weg?" stays open
        // The first look (Wednesday 11:05) finds a message of 10:30: the day counts from then.
        #expect(try await asked(at: "2026-11-25T11:05:00+01:00", service).isEmpty)
        #expect(try activeFlow(service) == "opvolging")
        #expect(try await asked(at: "2026-11-26T10:30:00+01:00", service) == ["Brief schrijven"])
        #expect(try alerts(service).isEmpty)
    }

    @Test func anOptedOutPersonGetsNothingMore() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try Self.seed([("Bellen", "2026-11-24", "10:00"), ("Brief schrijven", "2026-11-25", "10:00")], service: service)
        #expect(try await asked(at: "2026-11-24T11:05:00+01:00", service) == ["Bellen"])
        try send("STOP", at: "2026-11-24T12:00:00+01:00", service)
        for day in 25...30 {
            #expect(try await JobRunner(service: service).runDue(at: Self.date("2026-11-\(day)T11:05:00+01:00")).isEmpty)
        }
        #expect(try alerts(service).isEmpty)
    }

    /// "Wie neemt het over?" after a network member's STOP is watched like "Is het gelukt?".
    @Test func theTakeOverQuestionIsWatchedToo() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try Self.seed([("Samen naar de corporatie", "2026-11-27", "10:00")], service: service)
        let now = Self.date("2026-11-24T11:00:00+01:00")
        let messages = try await service.database.write { db -> [OutgoingMessage] in
            let vars: [String: Value] = ["actie": try ActionVars.action(1, in: db), "lid": .text("Ans"), "netwerk": .list([])]
            guard
                case .started(let messages) = try FlowStarter(service: service, db: db, now: now)
                    .start("overnemen", personID: 1, vars: vars, run: "stop-1")
            else { return [] }
            return messages
        }
        #expect(messages.first?.text.hasPrefix("Ans doet niet meer mee met: Samen naar de corporatie.") == true)
        let again = try await JobRunner(service: service).runDue(at: Self.date("2026-11-25T11:00:00+01:00"))
        #expect(again.map(\.text) == messages.map(\.text))
        _ = try await JobRunner(service: service).runDue(at: Self.date("2026-11-26T11:00:00+01:00"))
        #expect(try alerts(service) == ["opvolging_onbeantwoord: Samen naar de corporatie"])
    }

    /// An unanswered re-rating holds the follow-ups behind it only as long as a follow-up would:
    /// asked once more, then closed, without a signal (it is about no step).
    @Test func anUnansweredReRatingIsAskedAgainThenClosedWithoutASignal() async throws {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        try Self.seed([("Bellen", "2026-11-24", "10:00")], service: service)
        let morning = Self.date("2026-11-24T10:30:00+01:00")
        try await service.database.write { db in
            try db.execute(sql: "UPDATE goal SET leefgebied = 'wonen'")
            try db.execute(
                sql: "INSERT INTO score (personId, localId, leefgebied, score, createdAt) VALUES (1, 's', 'wonen', 4, ?)",
                arguments: [morning])
            try JobStore.add(.rerate, personID: 1, goalID: 1, dueAt: morning, key: "rerate:1", at: morning, in: db)
        }
        let rating = try await JobRunner(service: service).runDue(at: morning)
        #expect(rating.map(\.text) == ["Je werkte aan: Doel. Welk cijfer geef je Wonen nu? 0 = heel slecht, 10 = heel goed."])
        #expect(try await asked(at: "2026-11-24T11:05:00+01:00", service).isEmpty)
        #expect(try await JobRunner(service: service).runDue(at: Self.date("2026-11-25T10:30:00+01:00")).map(\.text) == rating.map(\.text))
        #expect(try await asked(at: "2026-11-26T10:30:00+01:00", service) == ["Bellen"])
        let alerts = try await service.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert") }
        #expect(alerts == 0)
    }

    @Test func theTimeBeforeAskingAgainIsASetting() throws {
        let settings = try ScheduleSettings.decode("follow_up: {ask_again_after_hours: 6}\n", file: "schedule.yaml")
        #expect(settings.askAgainAfterHours == 6)
        let policy = SchedulePolicy(settings: settings)
        #expect(policy.askAgainAfter == 6 * 3600)
        // Asked on Saturday at 17:00: six hours later is 23:00, outside the window; Sunday is closed too.
        #expect(
            policy.askAgain(after: Self.date("2026-11-28T17:00:00+01:00"), window: policy.window)
                == Self.date("2026-11-30T09:00:00+01:00"))
        #expect(ScheduleSettings().askAgainAfterHours == 24)
        #expect(throws: FlowError.self) { try ScheduleSettings.decode("follow_up: {ask_again_after_hours: 0}\n", file: "schedule.yaml") }
        #expect(Fixtures.library.schedule.askAgainAfterHours == 24)
    }
}
