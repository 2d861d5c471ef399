import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Reminders of one action for one person that are due together (after a quiet night, a closed
/// Sunday, a server that was down) go out as one message.
struct ReminderMergeTests {
    @Test func remindersDueTogetherAreOneMessageForTheInwonerAndTheMember() async throws {
        let friday = PlanFixture.date("2026-12-04T10:00:00+01:00")
        let service = try PlanFixture.make(member: .accepted, at: friday)
        try PlanFixture.action("Alle post in een map doen", owner: "inwoner", due: "2026-12-08", service: service, at: friday)
        try PlanFixture.action("Samen naar de corporatie", owner: "netwerk", due: "2026-12-08", service: service, at: friday)
        // Nothing ran since Friday: at 10:00 on the day, the 18:00 reminder of the evening before and the 09:00 one are both due.
        let queued = try await JobRunner(service: service).runDue(at: PlanFixture.date("2026-12-08T10:00:00+01:00"))
        let reminders = queued.filter { $0.text.hasPrefix("Herinnering van Wegwijzer") }
        #expect(
            reminders.map(\.text) == [
                "Herinnering van Wegwijzer: Alle post in een map doen, di 8 december. Daarna vragen we of het gelukt is.",
                "Herinnering van Wegwijzer: Samen naar de corporatie, di 8 december. Klaar? Stuur GEDAAN. Lukt het niet? Stuur LATER."
            ])
        #expect(reminders.map(\.address) == [PlanFixture.inwonerPhone, PlanFixture.memberPhone])
        let jobs = try service.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, status, note FROM job WHERE kind IN ('reminder', 'member_reminder') ORDER BY id")
        }
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { ($0["status"] as String) == "done" })
        // The later one of each pair names the job it was merged into.
        #expect(
            jobs.map { $0["note"] as String? } == [
                nil, "merged into job \(jobs[0]["id"] as Int64)", nil,
                "merged into job \(jobs[2]["id"] as Int64)"
            ])
        #expect(try await JobRunner(service: service).runDue(at: PlanFixture.date("2026-12-08T10:30:00+01:00")).isEmpty)
    }

    @Test func remindersOnTimeStayTwoMessages() async throws {
        let friday = PlanFixture.date("2026-12-04T10:00:00+01:00")
        let service = try PlanFixture.make(member: .noPhone, at: friday)
        try PlanFixture.action("Alle post in een map doen", owner: "inwoner", due: "2026-12-08", service: service, at: friday)
        let runner = JobRunner(service: service)
        #expect(
            try await runner.runDue(at: PlanFixture.date("2026-12-07T18:00:00+01:00")).filter { $0.text.hasPrefix("Herinnering") }.count
                == 1)
        #expect(try await runner.runDue(at: PlanFixture.date("2026-12-08T09:00:00+01:00")).count == 1)
    }

    /// Another action's reminder, or another person's, is not merged.
    @Test func onlyTheSameActionForTheSamePersonIsMerged() async throws {
        let friday = PlanFixture.date("2026-12-04T10:00:00+01:00")
        let service = try PlanFixture.make(member: .noPhone, at: friday)
        try PlanFixture.action("Alle post in een map doen", owner: "inwoner", due: "2026-12-08", service: service, at: friday)
        try PlanFixture.action("De huur betalen", owner: "inwoner", due: "2026-12-08", service: service, at: friday)
        let queued = try await JobRunner(service: service).runDue(at: PlanFixture.date("2026-12-08T10:00:00+01:00"))
        #expect(
            queued.filter { $0.text.hasPrefix("Herinnering") }.map(\.text) == [
                "Herinnering van Wegwijzer: Alle post in een map doen, di 8 december. Daarna vragen we of het gelukt is.",
                "Herinnering van Wegwijzer: De huur betalen, di 8 december. Daarna vragen we of het gelukt is."
            ])
    }
}
