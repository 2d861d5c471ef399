import Foundation
import GRDB
import Testing

/// The built binary, driven as a user would drive it.
@Suite(.serialized)
struct EndToEndTests {
    let now = "2026-11-23T10:00:00+01:00"

    func export(_ db: String) throws -> [String: Any] {
        let result = try BinaryRunner.run(["export", "--db", db, "--phone", "06-12345678"])
        #expect(result.status == 0, "export failed: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func aPipedIntakeShowsUpInTheExport() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("e2e.sqlite").path
        let chat = try BinaryRunner.run(
            ["chat", "--db", db, "--phone", "0612345678", "--now", now],
            input: Fixtures.intake.joined(separator: "\n") + "\n")
        #expect(chat.status == 0, "chat failed: \(chat.stderr)")
        #expect(chat.stdout.contains("Je plan:"))
        let document = try export(db)
        for key in ["person", "consents", "scores", "strengths", "network", "goals", "messages"] {
            #expect(document[key] != nil, "export lacks \(key)")
        }
        let scores = try #require(document["scores"] as? [[String: Any]])
        #expect(scores.map { $0["leefgebied"] as? String } == ["geld", "wonen"])
        #expect(scores.map { $0["score"] as? Int } == [7, 4])
        let goals = try #require(document["goals"] as? [[String: Any]])
        #expect(goals.count == 1)
        let actions = try #require(goals.first?["actions"] as? [[String: Any]])
        #expect(actions.map { $0["what"] as? String } == ["De woningcorporatie bellen", "Ans vragen mee te gaan"])
        #expect(actions.map { $0["who"] as? String } == ["inwoner", "Ans"])
        #expect(actions.map { $0["due"] as? String } == ["2026-11-24T10:00", "2026-11-27"])
        #expect(actions.allSatisfy { $0["status"] as? String == "gepland" })
        let plan = try BinaryRunner.run(["plan", "--db", db, "--phone", "0612345678"])
        #expect(plan.stdout.contains("Doel 1: Een huis zonder schimmel"))
    }

    @Test func aKilledChatResumesWithoutLossOrDuplication() throws {
        let dir = try Fixtures.temporaryDirectory()
        let reference = dir.appendingPathComponent("reference.sqlite").path
        let killed = dir.appendingPathComponent("killed.sqlite").path
        let lines = Fixtures.intake
        let args = { (db: String) in ["chat", "--db", db, "--phone", "0612345678", "--now", self.now, "--session", "intake"] }
        _ = try BinaryRunner.run(args(reference), input: lines.joined(separator: "\n") + "\n")
        var generator = SystemRandomNumberGenerator()
        let after = Int.random(in: 1..<lines.count, using: &generator)
        try BinaryRunner.chatKilled(args(killed), lines: lines, after: after, database: killed)
        // The same input again: lines already applied are recognised by their id and skipped.
        let rerun = try BinaryRunner.run(args(killed), input: lines.joined(separator: "\n") + "\n")
        #expect(rerun.status == 0, "re-run failed after a kill at message \(after): \(rerun.stderr)")
        let a = try export(reference)
        let b = try export(killed)
        for key in ["scores", "strengths", "network", "goals", "consents", "answers"] {
            let left = try JSONSerialization.data(withJSONObject: a[key] ?? [], options: .sortedKeys)
            let right = try JSONSerialization.data(withJSONObject: b[key] ?? [], options: .sortedKeys)
            #expect(left == right, "\(key) differ after a kill at message \(after)")
        }
        let inbound = (b["messages"] as? [[String: Any]])?.filter { $0["direction"] as? String == "in" }.count
        #expect(inbound == lines.count, "killed at \(after)")
    }

    @Test func badInputGetsOneClearLineAndAnErrorExit() throws {
        let dir = try Fixtures.temporaryDirectory()
        let db = dir.appendingPathComponent("x.sqlite").path
        _ = try BinaryRunner.run(["chat", "--db", db, "--phone", "0612345678"], input: "hoi\n")
        let unknown = try BinaryRunner.run(["export", "--db", db, "--phone", "0687654321"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown phone"))
        #expect(unknown.stderr.split(separator: "\n").count == 1)

        let garbage = dir.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x42, count: 4096).write(to: garbage)
        let unreadable = try BinaryRunner.run(["plan", "--db", garbage.path])
        #expect(unreadable.status != 0)
        #expect(unreadable.stderr.contains("cannot open database"))
        #expect(!unreadable.stderr.contains("Fatal error"))

        let flows = dir.appendingPathComponent("flows")
        try FileManager.default.createDirectory(at: flows, withIntermediateDirectories: true)
        let source = Fixtures.root.appendingPathComponent("Sources/Dialog/Flows")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: flows.appendingPathComponent(name))
        }
        let flowFile = flows.appendingPathComponent("levenskracht.flow.yaml")
        let broken = try String(contentsOf: flowFile, encoding: .utf8).replacingOccurrences(of: "next: m1_kies", with: "next: m1_kiezen")
        try broken.write(to: flowFile, atomically: true, encoding: .utf8)
        let check = try BinaryRunner.run(["flows", "check", flows.path])
        #expect(check.status != 0)
        #expect(check.stderr.contains("levenskracht.flow.yaml:"))
        #expect(check.stderr.contains("node 'm1_start': goes to unknown node 'm1_kiezen'"))
        let ok = try BinaryRunner.run(["flows", "check"])
        #expect(ok.status == 0, "the shipped flows fail their own check: \(ok.stderr)")
    }

    @Test func chatWritesAReplayableTranscript() throws {
        let dir = try Fixtures.temporaryDirectory()
        let transcript = dir.appendingPathComponent("t.txt").path
        let result = try BinaryRunner.run(
            [
                "chat", "--db", dir.appendingPathComponent("t.sqlite").path, "--now", now,
                "--transcript", transcript
            ], input: "hoi\nja\n1\n")
        #expect(result.status == 0)
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.hasPrefix("# flow: levenskracht\n# start: 2026-11-23T10:00:00+01:00\n# lang: nl\n> hoi\n< Hallo"))
        #expect(text.contains("> 1\n= gekozen"))
    }

    @Test func enrolQueuesTheOpeningAndRefusesAKnownPhone() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("enrol.sqlite").path
        let first = try BinaryRunner.run(["enroll", "--db", db, "--phone", "06-12345678", "--name", "Fatima"])
        #expect(first.status == 0, "enroll failed: \(first.stderr)")
        #expect(first.stdout.contains("+316****5678"))
        #expect(!first.stdout.contains("12345678"))
        let again = try BinaryRunner.run(["enroll", "--db", db, "--phone", "0612345678", "--name", "Fatima"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already enrolled"))
        let document = try export(db)
        let messages = try #require(document["messages"] as? [[String: Any]])
        #expect(messages.count == 3)
        #expect(messages.allSatisfy { $0["direction"] as? String == "out" && $0["channel"] as? String == "sms" })
        #expect(messages.allSatisfy { $0["segments"] as? Int == 1 })
    }

    @Test func accountsAreMadeFromStdinAndInwonersAssigned() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("users.sqlite").path
        let made = try BinaryRunner.run(
            ["user", "add", "--db", db, "--email", "anna@wijkteam.example", "--cost", "10"], input: "een lang wachtwoord\n")
        #expect(made.status == 0, "user add failed: \(made.stderr)")
        let again = try BinaryRunner.run(
            ["user", "add", "--db", db, "--email", "ANNA@wijkteam.example", "--cost", "10"], input: "nog een wachtwoord\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        let short = try BinaryRunner.run(["user", "add", "--db", db, "--email", "kort@wijkteam.example"], input: "kort\n")
        #expect(short.status != 0)
        #expect(short.stderr.contains("minstens 10 tekens"))
        let hash = try DatabaseQueue(path: db).read { db in try String.fetchOne(db, sql: "SELECT passwordHash FROM professional") }
        #expect(hash?.hasPrefix("$2b$10$") == true)
        #expect(hash?.contains("een lang wachtwoord") == false)

        let enrolled = try BinaryRunner.run([
            "enroll", "--db", db, "--phone", "0612345678", "--name", "Fatima", "--professional", "anna@wijkteam.example"
        ])
        #expect(enrolled.status == 0, "enroll failed: \(enrolled.stderr)")
        let unknown = try BinaryRunner.run([
            "enroll", "--db", db, "--phone", "0687654321", "--name", "Bart", "--professional", "niemand@example.nl"
        ])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no professional"))
        _ = try BinaryRunner.run(["enroll", "--db", db, "--phone", "0687654321", "--name", "Bart"])
        let assigned = try BinaryRunner.run(["user", "assign", "--db", db, "--phone", "0687654321", "--email", "anna@wijkteam.example"])
        #expect(assigned.status == 0, "assign failed: \(assigned.stderr)")
        let list = try BinaryRunner.run(["user", "list", "--db", db])
        #expect(list.stdout.contains("anna@wijkteam.example  professional  2 inwoners"))
        let sent = try BinaryRunner.run(["plan", "--db", db, "--phone", "0612345678", "--send"])
        #expect(sent.status == 0, "plan --send failed: \(sent.stderr)")
        #expect(sent.stdout.contains("on sms for +316****5678"))
        let queued = try DatabaseQueue(path: db).read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox o JOIN message m ON m.id = o.messageId WHERE m.textKey = 'plan.overzicht'")
        }
        #expect(queued == 1)
    }

    @Test func remindOnceRunsWhatIsDueAndPrintsStdinMessages() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("remind.sqlite").path
        let chat = try BinaryRunner.run(["chat", "--db", db, "--now", now], input: Fixtures.intake.joined(separator: "\n") + "\n")
        #expect(chat.status == 0, "chat failed: \(chat.stderr)")
        let evening = try BinaryRunner.run(["remind", "--once", "--db", db, "--now", "2026-11-23T18:00:00+01:00"])
        #expect(evening.status == 0, "remind failed: \(evening.stderr)")
        let lines = evening.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "local: Herinnering van Wegwijzer: De woningcorporatie bellen, di 24 november, 10:00. Daarna vragen we of het gelukt is."))
        #expect(lines.contains { $0.hasPrefix("+31623456789: Hallo Ans, dit is Wegwijzer") }, "\(lines)")
        // Nothing is due twice.
        let again = try BinaryRunner.run(["remind", "--once", "--db", db, "--now", "2026-11-23T18:00:00+01:00"])
        #expect(again.stdout.isEmpty)
        let missing = try BinaryRunner.run(["remind", "--db", db])
        #expect(missing.status != 0)
    }

    @Test func aPersonsOwnWindowIsCheckedAndStored() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("window.sqlite").path
        _ = try BinaryRunner.run(["chat", "--db", db, "--phone", "0612345678", "--now", now], input: "hoi\n")
        let bad = try BinaryRunner.run(["window", "--db", db, "--phone", "0612345678", "--set", #"{"start": "25:00"}"#])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("not a valid send window"))
        let good = try BinaryRunner.run(["window", "--db", db, "--phone", "0612345678", "--set", #"{"start": "10:00", "end": "18:00"}"#])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("own window"))
        let cleared = try BinaryRunner.run(["window", "--db", db, "--phone", "0612345678", "--clear"])
        #expect(cleared.stdout.contains("schedule.yaml"))
    }

    @Test func alertsAndCheckinsAreListed() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("alerts.sqlite").path
        _ = try BinaryRunner.run(["chat", "--db", db, "--phone", "0612345678", "--now", now], input: "hoi\nja\n1\nveel\ntja\nhmm\n")
        let alerts = try BinaryRunner.run(["alerts", "--db", db])
        #expect(alerts.status == 0)
        #expect(alerts.stdout.contains("stuck_question"))
        #expect(alerts.stdout.contains("+316****5678"))
        let checkins = try BinaryRunner.run(["checkins", "--db", db, "--phone", "0612345678"])
        #expect(checkins.stdout.contains("no check-ins yet"))
        let document = try export(db)
        #expect(document["checkins"] != nil)
        #expect((document["alerts"] as? [[String: Any]])?.count == 1)
    }

    /// A crisis comes first in `wegwijzer alerts`, marked at the start of its line; the export has
    /// the alerts' urgency and what the inwoner told in the chat, without the professionals' notes.
    @Test func aCrisisComesFirstInTheAlertsAndTheChatNotesAreInTheExport() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("crisis.sqlite").path
        _ = try BinaryRunner.run(["chat", "--db", db, "--phone", "0612345678", "--now", now], input: "hoi\nja\n1\nveel\ntja\nhmm\n")
        let database = try DatabaseQueue(path: db)
        try database.write { db in
            let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE phone = '+31612345678'"))
            try db.execute(
                sql: """
                    INSERT INTO alert (personId, kind, detail, urgent, createdAt) VALUES (?, 'crisis', 'signalen van een crisis', 1, '2026-11-24 09:00:00.000')
                    """, arguments: [id])
            try db.execute(
                sql: "INSERT INTO professional (email, passwordHash, createdAt) VALUES ('anna@wijkteam.example', 'x', '2026-11-23')")
            try db.execute(
                sql: """
                    INSERT INTO note (personId, professionalId, text, createdAt) VALUES (?, NULL, 'Ik ben mijn werk kwijt.', '2026-11-23 09:00:00.000'),
                        (?, 1, 'Gebeld', '2026-11-23 09:00:00.000')
                    """, arguments: [id, id])
        }
        try database.close()
        let alerts = try BinaryRunner.run(["alerts", "--db", db])
        #expect(alerts.status == 0)
        let lines = alerts.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("!! DRINGEND  #2  2026-11-24  crisis  +316****5678  signalen van een crisis") == true)
        #expect(lines.last?.hasPrefix("#1  2026-11-23  stuck_question") == true)
        let document = try export(db)
        let exported = try #require(document["alerts"] as? [[String: Any]])
        #expect(exported.map { $0["kind"] as? String } == ["stuck_question", "crisis"])
        #expect(exported.map { $0["urgent"] as? Int64 } == [0, 1])
        let told = try #require(document["chatNotes"] as? [[String: Any]])
        #expect(told.count == 1)
        #expect(told.first?["text"] as? String == "Ik ben mijn werk kwijt.")
        #expect(told.first?["createdAt"] as? String == "2026-11-23 09:00:00.000")
    }
}
