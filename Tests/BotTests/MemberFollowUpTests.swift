import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// An action of a network member who cannot be messaged is followed up with the inwoner; the
/// reminders stay the member's, and a member who says JA takes the follow-up over.
struct MemberFollowUpTests {
    static let monday = PlanFixture.date("2026-11-23T10:00:00+01:00")

    @Test(arguments: [
        (PlanFixture.Member.noPhone, ["followup 1"]),
        (.notAsked, ["invite 2", "followup 1"]),
        (.invited, ["invite 2", "followup 1"]),
        (.declined, ["followup 1"]),
        (.stopped, ["followup 1"]),
        (.optedOut, ["followup 1"]),
        (.accepted, ["member_reminder 2", "member_reminder 2", "member_followup 2"])
    ])
    func whoIsAskedWhetherItHappened(_ member: PlanFixture.Member, _ expected: [String]) throws {
        let service = try PlanFixture.make(member: member, at: Self.monday)
        try PlanFixture.action("Samen naar de corporatie", owner: "netwerk", due: "2026-11-27", service: service, at: Self.monday)
        #expect(try PlanFixture.pending(service) == expected)
    }

    @Test func theFollowUpSaysWhoseStepItIs() async throws {
        let service = try PlanFixture.make(member: .noPhone, at: Self.monday)
        try PlanFixture.action("Samen naar de corporatie", owner: "netwerk", due: "2026-11-27", service: service, at: Self.monday)
        let queued = try await JobRunner(service: service).runDue(at: PlanFixture.date("2026-11-28T10:00:00+01:00"))
        #expect(queued.map(\.address) == [PlanFixture.inwonerPhone])
        #expect(queued.first?.text.hasPrefix("De stap van Ans: Samen naar de corporatie (vr 27 november). Is het gelukt?") == true)
        // In English too, and an inwoner's own step keeps its own words.
        let renderer = Renderer(catalog: Fixtures.library.catalog, language: .en)
        let theirs: Value = .record(["wat": .text("Bellen"), "wanneer": .none, "van": .text("Ans")])
        #expect(renderer.render("opvolging.vraag", vars: ["actie": theirs]).hasPrefix("The step of Ans: Bellen"))
        let own: Value = .record(["wat": .text("Bellen"), "wanneer": .none])
        #expect(
            Renderer(catalog: Fixtures.library.catalog, language: .nl).render("opvolging.vraag", vars: ["actie": own]).hasPrefix(
                "Je stap: Bellen"))
    }

    @Test func whenTheMemberSaysJaTheirFollowUpReplacesTheInwoners() throws {
        let service = try PlanFixture.make(member: .invited, at: Self.monday)
        let action = try PlanFixture.action(
            "Samen naar de corporatie", owner: "netwerk", due: "2026-11-27", service: service, at: Self.monday)
        #expect(try PlanFixture.pending(service) == ["invite 2", "followup 1"])
        try service.database.write { db in
            try NetworkEvents(service: service, db: db, now: Self.monday.addingTimeInterval(600)).replied(
                memberPersonID: 2, actionID: action, granted: true)
        }
        #expect(try PlanFixture.pending(service) == ["member_reminder 2", "member_reminder 2", "member_followup 2"])
    }

    @Test func whenTheMemberSaysNeeTheInwonersFollowUpStays() throws {
        let service = try PlanFixture.make(member: .invited, at: Self.monday)
        let action = try PlanFixture.action(
            "Samen naar de corporatie", owner: "netwerk", due: "2026-11-27", service: service, at: Self.monday)
        try service.database.write { db in
            try NetworkEvents(service: service, db: db, now: Self.monday.addingTimeInterval(600)).replied(
                memberPersonID: 2, actionID: action, granted: false)
        }
        #expect(try PlanFixture.pending(service) == ["followup 1"])
        let alerts = try service.database.read { db in try String.fetchAll(db, sql: "SELECT kind FROM alert") }
        #expect(alerts == ["netwerk_geweigerd"])
    }

    /// A reminder for one action does not re-point a member's conversation that waits for their
    /// answer to an invitation for another: their JA still answers that invitation.
    @Test func aReminderLeavesAnOpenInvitationAlone() async throws {
        let service = try PlanFixture.make(member: .accepted, at: Self.monday)
        let first = try PlanFixture.action("Boodschappen doen", owner: "netwerk", due: "2026-11-25", service: service, at: Self.monday)
        let second = try PlanFixture.action(
            "Samen naar de corporatie", owner: "netwerk", due: "2026-11-27", service: service, at: Self.monday)
        try await service.database.write { db in
            let vars: [String: Value] = ["lid": .text("Ans"), "inwoner": .text("Sam"), "actie": try ActionVars.action(second, in: db)]
            _ = try FlowStarter(service: service, db: db, now: Self.monday).start("netwerk", personID: 2, vars: vars, run: "t")
        }
        let reminders = try await JobRunner(service: service).runDue(at: PlanFixture.date("2026-11-24T18:00:00+01:00"))
        #expect(
            reminders.map(\.text) == [
                "Herinnering van Wegwijzer: Boodschappen doen, wo 25 november. Klaar? Stuur GEDAAN. Lukt het niet? Stuur LATER."
            ])
        let pointed = try await service.database.read { db in try ConversationStore.state(personID: 2, flowID: "netwerk", in: db) }
        #expect(FollowUpWatch.actionID(pointed?.vars ?? [:]) == second)
        #expect(first != second)
    }
}
