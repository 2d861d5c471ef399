import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Bot

/// What the professional sees and does: caseload, the inwoner page, actions, notes, alerts, enrolment, plan.
struct WebPagesTests {
    @Test func theCaseloadListsProgressContactActionsAndAlertsAndSorts() async throws {
        let fixture = try WebFixture.make()
        try await fixture.database.write { db in
            try db.execute(
                sql: "INSERT INTO alert (personId, kind, detail, createdAt) VALUES (?, 'hulp_gevraagd', 'bel me', ?)",
                arguments: [fixture.bramInwoner, Fixtures.start])
            try ProfessionalStore.assign(personID: fixture.bramInwoner, to: 1, in: db)
        }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/").body)
            #expect(page.contains("klaar (3 van 3)"))
            #expect(page.contains("nog niet begonnen"))
            #expect(page.contains("23-11-2026"))
            let byName = try await anna.get("/?sort=naam")
            let bySignals = String(buffer: try await anna.get("/?sort=signalen").body)
            let names = String(buffer: byName.body)
            // Bart has the alert, so he comes first when sorting on signalen; by name he comes first too, so compare the other.
            #expect(bySignals.range(of: "Bart")!.lowerBound < bySignals.range(of: "/inwoners/\(fixture.annaInwoner)\"")!.lowerBound)
            #expect(names.contains("aria-sort=\"ascending\""))
            #expect(bySignals.contains("aria-sort=\"descending\""))
            // A sort that does not exist falls back to the name.
            #expect(try await anna.get("/?sort=%3Cscript%3E").status == .ok)
        }
    }

    @Test func theInwonerPageShowsSpiegelbladenRadarStrengthsNetworkPlanAndTranscript() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let response = try await anna.get("/inwoners/\(fixture.annaInwoner)")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("Spiegelblad module 1"))
            #expect(page.contains("Spiegelblad module 3"))
            #expect(page.contains("<svg viewBox=\"0 0 640 420\""))
            // Two leefgebieden rated: a line between them, the others open and "niet besproken".
            #expect(page.contains("<polyline class=\"latest\""))
            #expect(page.contains("Werk en leren<tspan x=\"463.4\" dy=\"14\">niet besproken</tspan>"))
            #expect(page.contains("<td>niet besproken</td>"))
            #expect(page.contains("Een huis zonder schimmel"))
            #expect(page.contains("Ans vragen mee te gaan"))
            // The wish with what is there already and what is still needed, and its hulpbronnen by kind.
            #expect(page.contains("<h3>Wonen: Een huis zonder schimmel</h3>"))
            #expect(page.contains("<dt>Wat er al is (zelf en mensen)</dt><dd>bellen en mailen</dd>"))
            #expect(page.contains("<dt>Wat er nog nodig is</dt><dd>hulp bij de woningcorporatie</dd>"))
            #expect(page.contains("<tr><th scope=\"row\">bellen en mailen</th><td>soort niet genoemd</td><td>is er al</td></tr>"))
            #expect(
                page.contains(
                    "<tr><th scope=\"row\">hulp bij de woningcorporatie</th><td>Informatie of advies, Mensen die helpen</td><td>nog nodig</td></tr>"
                ))
            // Who carries each step, and the goal's mix.
            #expect(page.contains("<p class=\"meta\">Wie doet mee: zelf, netwerk</p>"))
            #expect(
                page.contains("<td><span class=\"tag\">netwerk</span> </td>")
                    || page.contains("<td><span class=\"tag\">netwerk</span></td>"))
            // The care the inwoner gives, with its hours.
            #expect(page.contains("<th scope=\"row\">Mijn moeder</th><td>zorgt voor</td><td>4 tot 8 uur per week</td>"))
            #expect(page.contains("Ik ben"))
            // The network as circles round the inwoner, and beside it a table of the same: Ans helps
            // with boodschappen, is close and takes a step; Piet helps with nothing named, further away.
            #expect(
                page.contains("<svg viewBox=\"0 0 640 420\" width=\"100%\" role=\"img\" aria-labelledby=\"netwerk-title netwerk-desc\">"))
            #expect(page.contains("<circle class=\"ring inner\""))
            #expect(page.contains("<text class=\"label kinds\" x=\"320.0\" y=\"161.0\" text-anchor=\"middle\">Praktisch</text>"))
            #expect(page.contains("<th scope=\"row\">Ans</th><td>zus</td><td>Praktisch</td><td>dichtbij</td>"))
            #expect(page.contains("<td>Ans vragen mee te gaan</td>"))
            #expect(page.contains("<th scope=\"row\">Piet</th><td>buurman</td><td>niet bekend</td><td>verder weg</td>"))
            #expect(page.contains("class=\"transcript\""))
            #expect(page.contains("Module 3: Vervullen</strong>: klaar op 23-11-2026"))
            // Every action has its own edit form with the CSRF token.
            #expect(page.components(separatedBy: "/acties/").count - 1 == 2)
            #expect(page.components(separatedBy: "value=\"\(anna.csrf)\"").count - 1 >= 6)
        }
    }

    @Test func everythingAnInwonerTypedIsShownAsText() async throws {
        let fixture = try WebFixture.make()
        let hostile = "<script>alert('x')</script>"
        let service = try ConversationService(database: fixture.database, library: Fixtures.library)
        _ = try service.handle(Fixtures.message(hostile, id: "SMx", phone: WebFixture.phone, at: Fixtures.start.addingTimeInterval(60)))
        try await fixture.database.write { db in
            let id = fixture.annaInwoner
            try db.execute(sql: "UPDATE person SET name = ? WHERE id = ?", arguments: [hostile, id])
            try db.execute(sql: "UPDATE strength SET text = ? WHERE personId = ?", arguments: [hostile, id])
            try db.execute(
                sql: "UPDATE networkMember SET name = ?, relation = ?, helps = ? WHERE personId = ?",
                arguments: [hostile, hostile, hostile, id])
            try db.execute(sql: "UPDATE goal SET text = ? WHERE personId = ?", arguments: [hostile, id])
            try db.execute(sql: "UPDATE action SET what = ?, result = ? WHERE personId = ?", arguments: [hostile, hostile, id])
            try db.execute(
                sql: "INSERT INTO alert (personId, kind, detail, createdAt) VALUES (?, 'stuck_question', ?, ?)",
                arguments: [id, hostile, Fixtures.start])
        }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            _ = try await anna.post("/inwoners/\(fixture.annaInwoner)/notities", [("notitie", hostile)])
            for uri in [
                "/", "/inwoners/\(fixture.annaInwoner)", "/inwoners/\(fixture.annaInwoner)/plan", "/signalen",
                "/inwoners/\(fixture.annaInwoner)/wissen"
            ] {
                let page = String(buffer: try await anna.get(uri).body)
                #expect(!page.contains("<script"), "\(uri)")
                #expect(page.contains("&lt;script&gt;"), "\(uri)")
            }
        }
    }

    @Test func theProfessionalAddsChangesReassignsAndClosesActionsAndTheOwnerIsTold() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.annaInwoner
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let goal = try await fixture.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM goal WHERE personId = ?", arguments: [id])!
            }
            let added = try await anna.post(
                "/inwoners/\(id)/acties",
                [
                    ("doel", "\(goal)"), ("wat", "Huurteam bellen"), ("wie", "inwoner"),
                    ("datum", "2026-12-02")
                ])
            #expect(added.status == .seeOther)
            let actionID = try await fixture.database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM action")! }
            #expect(try fixture.lastOutbox()?.key == "melding.web.nieuw")
            #expect(try fixture.lastOutbox()?.person == id)
            #expect(try fixture.lastOutbox()?.text.contains("Huurteam bellen") == true)
            #expect(try fixture.count("job WHERE actionId = \(actionID) AND status = 'pending' AND kind = 'reminder'") >= 1)
            #expect(try fixture.count("job WHERE actionId = \(actionID) AND status = 'pending' AND kind = 'overdue'") == 1)

            // A new date: the inwoner hears the change and the reminders move.
            _ = try await anna.post(
                "/inwoners/\(id)/acties/\(actionID)",
                [
                    ("wat", "Huurteam bellen"), ("wie", "inwoner"),
                    ("datum", "2026-12-09"), ("status", "gepland")
                ])
            #expect(try fixture.lastOutbox()?.key == "melding.web.gewijzigd")
            #expect(try fixture.count("job WHERE actionId = \(actionID) AND status = 'pending' AND dueAt < '2026-12-03'") == 0)

            // Reassigned to the professional: the inwoner hears someone else does it; no reminders remain.
            _ = try await anna.post(
                "/inwoners/\(id)/acties/\(actionID)",
                [
                    ("wat", "Huurteam bellen"), ("wie", "professional"),
                    ("datum", "2026-12-09"), ("status", "gepland")
                ])
            #expect(try fixture.lastOutbox()?.key == "melding.web.overgenomen")
            #expect(try fixture.count("job WHERE actionId = \(actionID) AND status = 'pending' AND kind = 'reminder'") == 0)

            // Back to the inwoner, then closed with a result.
            _ = try await anna.post(
                "/inwoners/\(id)/acties/\(actionID)",
                [
                    ("wat", "Huurteam bellen"), ("wie", "inwoner"),
                    ("datum", "2026-12-09"), ("status", "gepland")
                ])
            _ = try await anna.post(
                "/inwoners/\(id)/acties/\(actionID)",
                [
                    ("wat", "Huurteam bellen"), ("wie", "inwoner"),
                    ("datum", "2026-12-09"), ("status", "gedaan"), ("resultaat", "Afspraak staat")
                ])
            #expect(try fixture.lastOutbox()?.key == "melding.web.afgesloten")
            #expect(try fixture.count("job WHERE actionId = \(actionID) AND status = 'pending'") == 0)
            let row = try fixture.database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT status, result FROM action WHERE id = ?", arguments: [actionID])!
            }
            #expect(row["status"] as String == "gedaan")
            #expect(row["result"] as String == "Afspraak staat")

            // Bad input: a clear 400, nothing stored.
            let before = try fixture.count("action")
            for fields in [
                [("doel", "\(goal)"), ("wat", ""), ("wie", "inwoner")],
                [("doel", "\(goal)"), ("wat", "x"), ("wie", "netwerk:999")],
                [("doel", "\(goal)"), ("wat", "x"), ("wie", "inwoner"), ("datum", "2026-02-30")],
                [("doel", "424242"), ("wat", "x"), ("wie", "inwoner")]
            ] {
                let response = try await anna.post("/inwoners/\(id)/acties", fields)
                #expect(response.status == .badRequest, "\(fields)")
                #expect(String(buffer: response.body).contains("class=\"error\""))
            }
            #expect(try fixture.count("action") == before)
            let wrongStatus = try await anna.post(
                "/inwoners/\(id)/acties/\(actionID)", [("wat", "x"), ("wie", "inwoner"), ("status", "weg")])
            #expect(wrongStatus.status == .badRequest)
        }
    }

    /// The professional refers to specialist help: a step of their own, carried by the specialist,
    /// shown in the mix of the goal; a referral without a specialist or a step is refused.
    @Test func theProfessionalAddsASpecialistReferralToTheMix() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.annaInwoner
        let goal = try await fixture.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM goal WHERE personId = ?", arguments: [id])!
        }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let before = try fixture.count("action")
            for fields in [
                [("doel", "\(goal)"), ("wat", "Aanmelden bij de ggz")],
                [("doel", "\(goal)"), ("specialist", "ggz")],
                [("doel", "\(goal)"), ("wat", "Aanmelden"), ("specialist", String(repeating: "g", count: 101))]
            ] {
                let refused = try await anna.post("/inwoners/\(id)/verwijzingen", fields)
                #expect(refused.status == .badRequest, "\(fields)")
                #expect(String(buffer: refused.body).contains("class=\"error\""))
            }
            #expect(try fixture.count("action") == before)

            let added = try await anna.post(
                "/inwoners/\(id)/verwijzingen", [("doel", "\(goal)"), ("specialist", "ggz"), ("wat", "Aanmelden bij de ggz")])
            #expect(added.status == .seeOther)
            #expect(try fixture.count("action WHERE specialist = 'ggz' AND ownerKind = 'professional' AND proposedAt IS NULL") == 1)
            let page = String(buffer: try await anna.get("/inwoners/\(id)").body)
            #expect(page.contains("<th scope=\"row\">Aanmelden bij de ggz</th>"))
            #expect(page.contains("<span class=\"tag\">specialist</span> ggz"))
            #expect(page.contains("Wie doet mee: zelf, netwerk, specialist"))
            let plan = String(buffer: try await anna.get("/inwoners/\(id)/plan").body)
            #expect(
                plan.contains(
                    "<span class=\"what\">Aanmelden bij de ggz</span> <span class=\"when\"><strong>Mijn hulpverlener met ggz</strong>"))
            // Another professional's inwoner is not found.
            let other = try await anna.post(
                "/inwoners/\(fixture.bramInwoner)/verwijzingen", [("doel", "\(goal)"), ("specialist", "ggz"), ("wat", "x")])
            #expect(other.status == .notFound)
        }
    }

    /// A step the inwoner gave to the professional waits for them: taken on, or answered with
    /// another date or owner; either way the inwoner hears the outcome, once.
    @Test func aStepProposedToTheProfessionalIsTakenOnOrAnsweredAndTheInwonerIsTold() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.annaInwoner
        let (first, second) = try await fixture.database.write { db -> (Int64, Int64) in
            let goal = try Int64.fetchOne(db, sql: "SELECT id FROM goal WHERE personId = ?", arguments: [id])!
            let records = PlanRecordStore(db: db, personID: id, now: Fixtures.start)
            let first = try records.saveAction(
                goalID: goal, what: "Schuldhulp bellen", ownerKind: "professional", memberID: nil, dueDate: "2026-12-08", dueTime: nil,
                proposed: true, localID: "voorstel-1")!
            let second = try records.saveAction(
                goalID: goal, what: "Met de huisbaas praten", ownerKind: "professional", memberID: nil, dueDate: nil, dueTime: nil,
                proposed: true, localID: "voorstel-2")!
            return (first, second)
        }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/inwoners/\(id)").body)
            #expect(page.components(separatedBy: "voorstel aan jou").count - 1 == 2)
            #expect(page.contains("action=\"/inwoners/\(id)/acties/\(first)/aannemen\""))

            // Taken on: no longer a proposal, and the inwoner hears it.
            let accepted = try await anna.post("/inwoners/\(id)/acties/\(first)/aannemen", [])
            #expect(accepted.status == .seeOther)
            #expect(try fixture.lastOutbox()?.key == "melding.web.voorstel_aangenomen")
            #expect(try fixture.lastOutbox()?.person == id)
            #expect(try fixture.lastOutbox()?.text.contains("Schuldhulp bellen") == true)
            // Once: taking it on again is refused with a reason, and nobody is told twice.
            let outbox = try fixture.count("outbox")
            let again = try await anna.post("/inwoners/\(id)/acties/\(first)/aannemen", [])
            #expect(again.status == .badRequest)
            #expect(String(buffer: again.body).contains("geen voorstel"))
            #expect(try fixture.count("outbox") == outbox)

            // Answered with a date of the professional's own: the inwoner hears the other proposal.
            _ = try await anna.post(
                "/inwoners/\(id)/acties/\(second)",
                [("wat", "Met de huisbaas praten"), ("wie", "professional"), ("datum", "2026-12-10"), ("status", "gepland")])
            #expect(try fixture.lastOutbox()?.key == "melding.web.voorstel_anders")
            #expect(try fixture.lastOutbox()?.person == id)
            #expect(try fixture.count("action WHERE proposedAt IS NOT NULL AND personId = \(id)") == 0)
            let after = String(buffer: try await anna.get("/inwoners/\(id)").body)
            #expect(!after.contains("voorstel aan jou"))

            // Someone else's action id is not found.
            let unknown = try await anna.post("/inwoners/\(id)/acties/999999/aannemen", [])
            #expect(unknown.status == .notFound)
        }
    }

    @Test func aNetworkMemberWhoAcceptedIsToldDirectly() async throws {
        let fixture = try WebFixture.make()
        let id = fixture.annaInwoner
        let member = try await fixture.database.write { db -> Int64 in
            let memberID = try Int64.fetchOne(
                db, sql: "SELECT id FROM networkMember WHERE personId = ? AND phone IS NOT NULL", arguments: [id])!
            let personID = try PersonStore.networkMember(
                phone: "+31611112222", memberID: memberID, inwonerID: id, at: Fixtures.start, in: db)
            try db.execute(
                sql: "UPDATE networkMember SET invitation = 'accepted', phone = '+31611112222' WHERE id = ?", arguments: [memberID])
            _ = personID
            return memberID
        }
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let goal = try await fixture.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM goal WHERE personId = ?", arguments: [id])!
            }
            _ = try await anna.post(
                "/inwoners/\(id)/acties",
                [
                    ("doel", "\(goal)"), ("wat", "Boodschappen doen"), ("wie", "netwerk:\(member)"),
                    ("datum", "2026-12-02")
                ])
        }
        let told = try await fixture.database.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT m.textKey FROM message m JOIN networkMember n ON n.memberPersonId = m.personId WHERE n.id = ? ORDER BY m.id DESC LIMIT 1
                    """, arguments: [member])
        }
        #expect(told == "melding.web.nieuw")
    }

    @Test func enrollingSendsTheFirstMessageAndRefusesAKnownPhone() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let response = try await anna.post(
                "/inwoners", [("naam", "Fatima"), ("telefoon", "06-33334444"), ("kanaal", "sms"), ("taal", "nl")])
            #expect(response.status == .seeOther)
            let id = try await fixture.database.read { db in try PersonStore.id(phone: "+31633334444", in: db)! }
            #expect(response.headers[.location] == "/inwoners/\(id)")
            #expect(try fixture.count("outbox WHERE personId = \(id) AND status = 'pending'") >= 1)
            #expect(try fixture.count("person WHERE id = \(id) AND professionalId = 1") == 1)
            #expect(String(buffer: try await anna.get("/").body).contains("Fatima"))

            let again = try await anna.post("/inwoners", [("naam", "Iemand"), ("telefoon", "0633334444")])
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("al aangemeld"))
            // Bram's inwoner: the same refusal, and no hint whose caseload it is on.
            let bramsPhone = try await anna.post("/inwoners", [("naam", "Iemand"), ("telefoon", WebFixture.otherPhone)])
            #expect(bramsPhone.status == .conflict)
            #expect(!String(buffer: bramsPhone.body).contains("Bart"))
            let bad = try await anna.post("/inwoners", [("naam", "Iemand"), ("telefoon", "12345")])
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("geen geldig mobiel nummer"))
            #expect(String(buffer: bad.body).contains("value=\"Iemand\""))
        }
        #expect(try fixture.count("person WHERE name = 'Iemand'") == 0)
    }

    @Test func alertsAreListedAndHandledWithANote() async throws {
        let fixture = try WebFixture.make()
        try await fixture.database.write { db in
            try db.execute(
                sql: "INSERT INTO alert (personId, kind, detail, createdAt) VALUES (?, 'mantelzorg_overbelast', 'csi 8 van 13', ?)",
                arguments: [fixture.annaInwoner, Fixtures.start])
            try db.execute(
                sql: "INSERT INTO alert (personId, kind, detail, createdAt) VALUES (?, 'hulp_gevraagd', 'bel Bart', ?)",
                arguments: [fixture.bramInwoner, Fixtures.start])
        }
        let annaAlert: Int64 = 1
        let bramAlert: Int64 = 2
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let page = String(buffer: try await anna.get("/signalen").body)
            #expect(page.contains("Mantelzorger dreigt overbelast"))
            #expect(!page.contains("bel Bart"))
            #expect(try await anna.post("/signalen/\(bramAlert)", [("notitie", "niet van mij")]).status == .notFound)
            let handled = try await anna.post(
                "/signalen/\(annaAlert)",
                [
                    ("notitie", "Mantelzorger gebeld, respijtzorg geregeld"),
                    ("inwoner", "\(fixture.annaInwoner)")
                ])
            #expect(handled.headers[.location] == "/inwoners/\(fixture.annaInwoner)#signalen")
            let after = String(buffer: try await anna.get("/signalen").body)
            #expect(after.contains("Onlangs afgehandeld"))
            #expect(after.contains("respijtzorg geregeld"))
        }
        #expect(try fixture.count("alert WHERE id = \(annaAlert) AND handledAt IS NOT NULL AND note LIKE 'Mantelzorger gebeld%'") == 1)
        #expect(try fixture.count("alert WHERE id = \(bramAlert) AND handledAt IS NULL") == 1)
    }

    @Test func thePlanPrintsOnOnePageAndGoesOutAsAMessage() async throws {
        let fixture = try WebFixture.make()
        try await fixture.app().test(.router) { client in
            let anna = try await WebSession.login(client, email: WebFixture.anna)
            let plan = String(buffer: try await anna.get("/inwoners/\(fixture.annaInwoner)/plan").body)
            #expect(plan.contains("Mijn plan"))
            #expect(plan.contains("<p class=\"fridge-goal-text\">Een huis zonder schimmel</p>"))
            #expect(plan.contains("class=\"tickbox\""))
            let sent = try await anna.post("/inwoners/\(fixture.annaInwoner)/plan/versturen", [])
            #expect(sent.headers[.location] == "/inwoners/\(fixture.annaInwoner)?melding=plan")
        }
        let text = try await fixture.database.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT m.text FROM outbox o JOIN message m ON m.id = o.messageId WHERE m.textKey = 'plan.overzicht' AND o.personId = ?
                    """, arguments: [fixture.annaInwoner])
        }
        #expect(text?.hasPrefix("Ondersteuningsplan\nDoel 1: Een huis zonder schimmel") == true)
        let css = try String(contentsOf: Fixtures.root.appendingPathComponent("Sources/Bot/Web/Static/app.css"), encoding: .utf8)
        #expect(css.contains("@media print"))
        #expect(css.contains("@page { size: A4 portrait;"))
    }
}
