import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

struct ConversationServiceTests {
    func count(_ table: String, _ database: AppDatabase) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test(arguments: Fixtures.Storage.allCases)
    func aWholeIntakeIsStored(_ storage: Fixtures.Storage) throws {
        let database = try storage.open()
        let service = try ConversationService(database: database, library: Fixtures.library)
        for (n, line) in Fixtures.intake.enumerated() {
            _ = try service.handle(Fixtures.message(line, id: "SM\(n)"))
        }
        #expect(try count("score", database) == 2)
        // Ik ben, ik kan, ik heb, ik wil, and what the inwoner does for others.
        #expect(try count("strength", database) == 5)
        #expect(try count("networkMember", database) == 2)
        #expect(try count("goal", database) == 1)
        #expect(try count("action", database) == 2)
        #expect(try count("spiegelblad", database) == 3)
        #expect(try count("message WHERE direction = 'in'", database) == Fixtures.intake.count)
        let owners = try database.read { db in try String.fetchAll(db, sql: "SELECT ownerKind FROM action ORDER BY id") }
        #expect(owners == ["inwoner", "netwerk"])
        let plan = try database.read { db in
            try SupportPlan.text(personID: 1, library: Fixtures.library, in: db)
        }
        #expect(plan.contains("Doel 1: Een huis zonder schimmel"))
        #expect(plan.contains("Ans vragen mee te gaan. Wie: Ans. Wanneer: vr 27 november"))
        let completed = try database.read { db in
            try String.fetchAll(db, sql: "SELECT module FROM moduleProgress WHERE completedAt IS NOT NULL ORDER BY module")
        }
        #expect(completed == ["m1", "m2", "m3"])
    }

    @Test func aRedeliveryGetsTheSameAnswerAndChangesNothing() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
        let first = try service.handle(Fixtures.message("ja", id: "SM2"))
        let stateBefore = try database.read { db in try String.fetchOne(db, sql: "SELECT state FROM conversation") }
        let answersBefore = try count("answer", database)
        let again = try service.handle(Fixtures.message("ja", id: "SM2"))
        guard case .duplicate = again else {
            Issue.record("a redelivery was applied again")
            return
        }
        #expect(again.replies == first.replies)
        #expect(!first.replies.isEmpty)
        #expect(try count("answer", database) == answersBefore)
        #expect(try database.read { db in try String.fetchOne(db, sql: "SELECT state FROM conversation") } == stateBefore)
        #expect(try count("message WHERE direction = 'in'", database) == 2)
    }

    @Test func withoutConsentOnlyTheConsentIsKept() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        _ = try service.handle(Fixtures.message("Hallo, ik ben Kees van de Berg", id: "SM1"))
        _ = try service.handle(Fixtures.message("nee", id: "SM2"))
        #expect(try count("answer", database) == 0)
        #expect(try count("consent WHERE granted = 0 AND purpose = 'deelname'", database) == 1)
        let texts = try database.read { db in try String.fetchAll(db, sql: "SELECT text FROM message WHERE direction = 'in'") }
        #expect(texts.filter { !$0.isEmpty }.isEmpty)
        let consent = try database.read { db in try Row.fetchOne(db, sql: "SELECT textShown, flowVersion FROM consent") }
        #expect((consent?["textShown"] as String?)?.contains("Alleen jouw hulpverlener") == true)
        #expect(consent?["flowVersion"] == "levenskracht@3")
    }

    @Test func aCorrectedScoreUpdatesItsRowInsteadOfAddingOne() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        for (n, line) in ["hoi", "ja", "1", "7", "nee", "TERUG", "TERUG", "3", "ja"].enumerated() {
            _ = try service.handle(Fixtures.message(line, id: "SM\(n)"))
        }
        let scores = try database.read { db in try Row.fetchAll(db, sql: "SELECT score, wantsChange FROM score") }
        #expect(scores.count == 1)
        #expect(scores.first?["score"] == 3)
        #expect(scores.first?["wantsChange"] == true)
        // The earlier answer stays in the history; the new one counts.
        let answers = try database.read { db in
            try String.fetchAll(db, sql: "SELECT value FROM answer WHERE key = 'cijfer.geld' ORDER BY id")
        }
        #expect(answers == ["7", "3"])
    }

    /// The person row follows the conversation's language and opt-out, also back again (it is
    /// written only when one of them changes).
    @Test func languageAndOptOutReachThePersonRow() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        func person() throws -> [String] {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT language, optedOut FROM person").map {
                    "\($0["language"] as String? ?? "-") \($0["optedOut"] as Bool)"
                }
            }
        }
        var n = 0
        func send(_ text: String) throws {
            n += 1
            _ = try service.handle(Fixtures.message(text, id: "SM\(n)"))
        }
        try send("hoi")
        #expect(try person() == ["nl false"])
        try send("English")
        #expect(try person() == ["en false"])
        try send("STOP")
        #expect(try person() == ["en true"])
        try send("START")
        try send("Nederlands")
        #expect(try person() == ["nl false"])
    }

    @Test func stuckQuestionsAndOptOutReachTheStore() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        for (n, line) in ["hoi", "ja", "1", "veel", "tja", "hmm", "STOP", "nog iets"].enumerated() {
            _ = try service.handle(Fixtures.message(line, id: "SM\(n)"))
        }
        #expect(try count("alert WHERE kind = 'stuck_question' AND node = 'm1_cijfer'", database) == 1)
        #expect(try database.read { db in try Bool.fetchOne(db, sql: "SELECT optedOut FROM person") } == true)
        // After STOP nothing more is queued.
        let last = try service.handle(Fixtures.message("hallo?", id: "SM99"))
        #expect(last.replies.isEmpty)
    }

    @Test func enrolmentBeginsWithoutAMessage() throws {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let id = try database.write { db in
            try PersonStore.findOrCreate(channel: "sms", address: "+31612345678", phone: "+31612345678", at: Fixtures.start, in: db)
        }
        let replies = try service.begin(personID: id, channel: "sms", at: Fixtures.start)
        #expect(replies.count == 3)
        #expect(replies.last?.text.contains("Wil je meedoen?") == true)
        let segments = try database.read { db in try Int.fetchAll(db, sql: "SELECT segments FROM message WHERE direction = 'out'") }
        #expect(segments == [1, 1, 1])
    }
}
