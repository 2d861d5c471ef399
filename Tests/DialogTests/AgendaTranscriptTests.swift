import Dialog
import Foundation
import Testing

/// Weeks of the method's timers through the engine and its rules alone: an action's reminders,
/// the question whether it worked, and a mantelzorger's check-ins with a quick score that rises.
/// The whole run is compared with `Agenda/weken.txt`; `RECORD=1` rewrites it.
struct AgendaTranscriptTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Agenda/weken.txt")

    /// Monday 7 December 2026, 09:00 in Amsterdam.
    static let start = instant("2026-12-07T09:00:00+01:00")

    static func days(_ n: Double, at hour: Int = 0) -> Date { start.addingTimeInterval(n * 86_400 + Double(hour) * 3600) }

    func play() -> AgendaWorld {
        let world = AgendaWorld(start: Self.start)
        world.agree(
            ActionFacts(
                id: 1, what: "De post in een map doen", status: "gepland", due: day("2026-12-10"),
                dueTime: time("10:00"), owner: .inwoner, inwonerOptedOut: false, window: world.policy.window))
        // The questionnaire was answered three weeks ago: only the quick score decides.
        world.carerAgreed(everyDays: 7, lastQuestionnaire: Self.start.addingTimeInterval(-21 * 86_400))
        world.says(.mantelzorger, "3")
        world.wait(until: Self.days(3, at: 3))  // Thursday 12:00: the reminders and the follow-up went out
        world.says(.inwoner, "Ja gelukt!")
        world.says(.inwoner, "een 8 denk ik")
        world.wait(until: Self.days(7, at: 3))  // Monday: the second check-in
        world.says(.mantelzorger, "4")
        world.wait(until: Self.days(14, at: 3))
        world.says(.mantelzorger, "een 5 denk ik")
        world.wait(until: Self.days(21, at: 3))
        world.says(.mantelzorger, "6")
        world.wait(until: Self.days(28, at: 3))
        world.says(.mantelzorger, "9")
        return world
    }

    @Test func weeksOfRemindersFollowUpsAndCheckinsPlayWithoutAStore() throws {
        let world = play()
        let actual = world.log
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.golden.lastPathComponent): review the diff, then run again without RECORD")
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        if let difference = Transcript.difference(expected: expected, actual: actual) { Issue.record("weken.txt \(difference)") }
    }

    @Test func theRulesDecideWhatHappens() {
        let world = play()
        // Two reminders before the action and the question afterwards, to the inwoner.
        #expect(world.log.components(separatedBy: "reminder voor inwoner").count - 1 == 2)
        #expect(world.log.contains("followup voor inwoner"))
        #expect(world.log.contains("~ afspraak 1: status gedaan"))
        // Done: no overdue signal, and the watch on the answered question ends quietly.
        #expect(!world.alerts.contains("actie_verlopen"))
        #expect(!world.alerts.contains("opvolging_onbeantwoord"))
        // 3, 4, 5, 6: rising three times in a row is a signal, and again with 9, which also asks
        // the full questionnaire.
        #expect(world.alerts == ["mantelzorg_stijgend", "mantelzorg_stijgend"])
        #expect(world.log.contains("mantelzorg_stijgend: 3, 4, 5, 6"))
        #expect(world.log.contains("mantelzorg_stijgend: 4, 5, 6, 9"))
        let afterNine = world.log.components(separatedBy: "[mantelzorger] > 9").last ?? ""
        #expect(afterNine.contains("[mantelzorger] < "), "the questionnaire's first question follows a 9")
        #expect(world.pending.contains { $0.kind == .checkin }, "the next check-in is planned")
    }

    @Test func twoCheckinsWithoutAnAnswerAreASignal() {
        let world = AgendaWorld(start: Self.start)
        world.carerAgreed(everyDays: 7, lastQuestionnaire: Self.start)
        world.wait(until: Self.days(14, at: 3))
        #expect(world.alerts == ["mantelzorg_geen_antwoord"])
    }

    @Test func anUnansweredFollowUpIsAskedAgainThenSignalled() {
        let world = AgendaWorld(start: Self.start)
        world.agree(
            ActionFacts(
                id: 1, what: "Bellen met de woningbouw", status: "gepland", due: day("2026-12-08"), dueTime: nil,
                owner: .inwoner, inwonerOptedOut: false, window: world.policy.window))
        world.wait(until: Self.days(5))
        #expect(world.log.contains("followup_again voor inwoner"))
        #expect(world.alerts.contains("opvolging_onbeantwoord"))
        #expect(world.alerts.contains("actie_verlopen"), "still open days after its date: the professional hears")
    }
}
