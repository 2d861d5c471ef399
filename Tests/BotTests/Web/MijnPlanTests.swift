import Dialog
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// Mijn plan: the inwoner reports on a step, moves it, adds one, writes to the professional. Each
/// change plans the reminders anew and shows up for the professional as a signal and in the audit.
struct MijnPlanTests {
    @Test func thePlanShowsTheGoalsInOrderWithTheirSteps() async throws {
        let fixture = try WebFixture.make()
        let goals = try await fixture.database.read { db in try PlanRows.goals(personID: fixture.annaInwoner, in: db) }
        try #require(goals.count >= 1)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn").body)
            #expect(page.contains("<html lang=\"nl\">"))
            #expect(page.contains("Mijn plan"))
            var last = page.startIndex
            for goal in goals {
                let found = try #require(page.range(of: "id=\"doel-\(goal.id)\""), "goal \(goal.id)")
                #expect(found.lowerBound > last)
                last = found.lowerBound
                for action in goal.actions { #expect(page.contains(Self.escaped(action.what))) }
            }
            #expect(!page.contains("<script"))
            #expect(!page.contains("style=\""))
        }
    }

    @Test func markingAStepDoneStoresItPlansAnewAndSignalsTheProfessional() async throws {
        let fixture = try WebFixture.make()
        let (action, _) = try MijnAccessTests.firstAction(fixture)
        let pendingBefore = try fixture.count("job WHERE actionId = \(action) AND status = 'pending'")
        try #require(pendingBefore > 0)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let done = try await mijn.post("/mijn/acties/\(action)/verslag", [("uitkomst", "gedaan"), ("geholpen", "8")])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/mijn?melding=verslag#actie-\(action)")
            let page = String(buffer: try await mijn.get("/mijn?melding=verslag").body)
            #expect(page.contains("Opgeslagen. Je hulpverlener ziet het."))
            // The professional sees it as a signal.
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let signals = String(buffer: try await anna.get("/signalen").body)
            #expect(signals.contains("De inwoner heeft het plan online aangepast"))
        }
        let row = try await fixture.database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT status, helped FROM action WHERE id = ?", arguments: [action])!
        }
        #expect(row["status"] as String == "gedaan")
        #expect(row["helped"] as Int == 8)
        // A done step needs no reminder or follow-up any more.
        #expect(try fixture.count("job WHERE actionId = \(action) AND status = 'pending'") == 0)
        #expect(try fixture.count("alert WHERE kind = 'online_gewijzigd' AND personId = \(fixture.annaInwoner)") == 1)
        #expect(try fixture.count("audit WHERE event = 'inwoner: online_gewijzigd' AND personId = \(fixture.annaInwoner)") == 1)
        // The inwoner made the change: no message to them about it.
        #expect(try fixture.count("message WHERE textKey LIKE 'melding.web.%'") == 0)
    }

    @Test func aNewDatePlansTheRemindersForThatDay() async throws {
        let fixture = try WebFixture.make()
        let (action, _) = try MijnAccessTests.firstAction(fixture)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            #expect(try await mijn.post("/mijn/acties/\(action)/datum", [("datum", "2027-02-03")]).status == .seeOther)
            // A day in the past or no day at all is refused with the reason, in the inwoner's words.
            let past = try await mijn.post("/mijn/acties/\(action)/datum", [("datum", "2020-01-01")])
            #expect(past.status == .badRequest)
            #expect(String(buffer: past.body).contains("Deze datum is al voorbij. Kies vandaag of later."))
            let wrong = try await mijn.post("/mijn/acties/\(action)/datum", [("datum", "3 februari")])
            #expect(wrong.status == .badRequest)
            #expect(String(buffer: wrong.body).contains("Deze datum klopt niet"))
        }
        let due = try await fixture.database.read { db in
            try String.fetchOne(db, sql: "SELECT dueDate FROM action WHERE id = ?", arguments: [action])
        }
        #expect(due == "2027-02-03")
        let pending = try await fixture.database.read { db in
            try String.fetchAll(db, sql: "SELECT dueAt FROM job WHERE actionId = ? AND status = 'pending'", arguments: [action])
        }
        #expect(!pending.isEmpty)
        #expect(pending.allSatisfy { $0.hasPrefix("2027-02-0") })
    }

    @Test func anOwnStepAndANoteReachTheProfessional() async throws {
        let fixture = try WebFixture.make()
        let (_, goal) = try MijnAccessTests.firstAction(fixture)
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            #expect(
                try await mijn.post("/mijn/doelen/\(goal)/acties", [("wat", "Zelf de buurvrouw bellen"), ("datum", "2027-01-10")]).status
                    == .seeOther)
            #expect(try await mijn.post("/mijn/notitie", [("notitie", "Ik wil graag eerder praten.")]).status == .seeOther)
            let empty = try await mijn.post("/mijn/doelen/\(goal)/acties", [("wat", " ")])
            #expect(empty.status == .badRequest)
            #expect(String(buffer: empty.body).contains("Schrijf in een paar woorden wat je gaat doen"))
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)").body)
            #expect(page.contains("Zelf de buurvrouw bellen"))
            #expect(page.contains("Ik wil graag eerder praten."))
        }
        #expect(try fixture.count("action WHERE goalId = \(goal) AND what = 'Zelf de buurvrouw bellen' AND ownerKind = 'inwoner'") == 1)
        #expect(try fixture.count("job j JOIN action a ON a.id = j.actionId WHERE a.what = 'Zelf de buurvrouw bellen'") > 0)
        #expect(try fixture.count("alert WHERE kind = 'online_notitie'") == 1)
        #expect(try fixture.count("alert WHERE kind = 'online_gewijzigd'") == 1)
    }

    @Test func anEnglishSpeakingInwonerReadsEnglish() async throws {
        let fixture = try WebFixture.make()
        try await fixture.database.write { db in try PersonStore.setLanguage(.en, personID: fixture.annaInwoner, in: db) }
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            let page = String(buffer: try await mijn.get("/mijn").body)
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("My plan"))
            #expect(page.contains("Log out"))
            #expect(!page.contains("Uitloggen"))
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// A step carried by a network member: when the inwoner changes it online, the member hears it.
struct MijnMemberStepTests {
    @Test func theMemberWhoCarriesAMovedStepHearsAboutIt() async throws {
        let fixture = try WebFixture.make()
        let (action, member) = try await fixture.database.write { db -> (Int64, Int64) in
            let row = try #require(
                try Row.fetchOne(
                    db, sql: "SELECT id, networkMemberId FROM action WHERE personId = ? AND ownerKind = 'netwerk' AND status = 'gepland'",
                    arguments: [fixture.annaInwoner]))
            let member: Int64 = row["networkMemberId"]
            // Ans said JA to the invitation: she gets reminders, and hears of changes.
            try NetworkStore.setInvitation(.accepted, memberID: member, in: db)
            return (row["id"], member)
        }
        let ans = try #require(try await fixture.database.read { db in try NetworkStore.acceptedPerson(memberID: member, in: db) })
        try await fixture.app().test(.router) { client in
            let mijn = try await MijnSession.login(client, phone: WebFixture.phone, fixture: fixture)
            #expect(try await mijn.post("/mijn/acties/\(action)/datum", [("datum", "2027-03-01")]).status == .seeOther)
        }
        let told = try #require(try fixture.lastOutbox())
        #expect(told.key == "melding.web.gewijzigd")
        #expect(told.person == ans)
        #expect(told.text.contains("Ans vragen mee te gaan"))
    }
}
