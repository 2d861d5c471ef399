import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The web as one more channel of the same conversation (`WebChat`): the same engine, state and
/// idempotency as SMS, replies shown on the page, and the person still reached on their own channel.
struct WebChatTests {
    static let phone = "+31611223344"

    /// An inwoner enrolled on SMS, whose first messages the dispatcher sent.
    static func enrolled() throws -> (ConversationService, Int64) {
        let service = try ConversationService(database: try AppDatabase.inMemory(), library: Fixtures.library)
        _ = try service.enroll(phone: phone, name: "Sam", channel: "sms", language: .nl, at: Fixtures.start)
        try dispatch(service, at: Fixtures.start)
        let id = try #require(try service.database.read { db in try PersonStore.id(phone: phone, in: db) })
        return (service, id)
    }

    /// What the dispatcher does: every pending SMS goes out.
    static func dispatch(_ service: ConversationService, at date: Date) throws {
        try service.database.write { db in
            try OutboxStore.markSent(try OutboxStore.pending(channel: "sms", in: db).map(\.outboxID), at: date, in: db)
        }
    }

    static func web(
        _ text: String, _ service: ConversationService, personID: Int64, messageID: String = WebChat.newMessageID(), at date: Date
    ) throws -> ConversationService.Result {
        try service.database.write { db in
            try WebChat(service: service).answer(text, personID: personID, messageID: messageID, at: date, in: db)
        }
    }

    static func minutes(_ n: Double) -> Date { Fixtures.start.addingTimeInterval(n * 60) }

    @Test func anAnswerInTheBrowserMovesTheConversationOnAndItsRepliesStayOnThePage() throws {
        let (service, id) = try Self.enrolled()
        let result = try Self.web("ja", service, personID: id, at: Self.minutes(1))
        guard case .applied(let personID, _, let replies) = result else {
            Issue.record("not applied: \(result)")
            return
        }
        #expect(personID == id)
        #expect(replies.last?.text.contains("Over welke onderwerpen wil je praten?") == true)
        #expect(replies.allSatisfy { $0.channel == "web" && $0.outboxID == 0 })
        try service.database.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE channel = 'web'") == 0)
            // No web contact: reminders and the next message on their own go by SMS.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact WHERE personId = ?", arguments: [id]) == 1)
            #expect(try PersonStore.primaryContact(personID: id, in: db)?.channel == "sms")
            let inbound = try #require(try Row.fetchOne(db, sql: "SELECT channel, via, professionalId FROM message WHERE direction = 'in'"))
            #expect(inbound["channel"] == "web")
            #expect(inbound["via"] as String? == nil && inbound["professionalId"] as Int64? == nil)
        }
    }

    @Test func aSecondPostOfTheSameFormIsADuplicateWithTheSameReplies() throws {
        let (service, id) = try Self.enrolled()
        let messageID = WebChat.newMessageID()
        let first = try Self.web("ja", service, personID: id, messageID: messageID, at: Self.minutes(1))
        let again = try Self.web("ja", service, personID: id, messageID: messageID, at: Self.minutes(2))
        guard case .duplicate(let personID, let replies) = again else {
            Issue.record("applied twice: \(again)")
            return
        }
        #expect(personID == id)
        #expect(replies.map(\.text) == first.replies.map(\.text))
        try service.database.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer") == 1)
        }
        // The same id for someone else is refused, and changes nothing for either.
        let other = try service.database.write { db in
            try ContractSeed.inwoner(phone: "+31699999999", name: "Ali", in: db)
        }
        #expect(throws: WebChat.Refusal.otherPerson) {
            try Self.web("nee", service, personID: other, messageID: messageID, at: Self.minutes(3))
        }
    }

    @Test func theFormIsCheckedBeforeAnythingIsApplied() {
        let id = WebChat.newMessageID()
        #expect(id.count == 43)
        #expect(WebChat.check(answer: "  ja \n", messageID: id).map(\.text) == .success("ja"))
        #expect(WebChat.check(answer: " \n ", messageID: id).map(\.text) == .failure(.empty))
        #expect(WebChat.check(answer: nil, messageID: id).map(\.text) == .failure(.empty))
        let long = String(repeating: "é", count: PayloadLimits.maxTextScalars + 1)
        #expect(WebChat.check(answer: long, messageID: id).map(\.text) == .failure(.tooLong))
        for bad in [nil, "", "kort", String(repeating: "a", count: 65), "a b c d e f g h i j k l", "<script>alert(1)</script>"] {
            #expect(WebChat.check(answer: "ja", messageID: bad).map(\.text) == .failure(.badMessageID))
        }
    }

    @Test func theChatShowsTheLastMessagesAndPointsTheFieldAtTheOpenQuestion() throws {
        let (service, id) = try Self.enrolled()
        for (n, answer) in ["ja", "1 en 2", "7"].enumerated() {
            _ = try Self.web(answer, service, personID: id, at: Self.minutes(Double(n + 1)))
        }
        let values = try service.database.read { db in
            try ChatView(personID: id, postPath: "/mijn/gesprek", messageID: "m", csrf: "c").values(texts: try WebTexts.load(), in: db)
        }
        let lines = try #require(values["lines"] as? [[String: Any]])
        #expect(try service.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0 } > lines.count)
        #expect(lines.count == ChatView.shownMessages)
        #expect((lines.last?["text"] as? String)?.contains("Wonen: je huis") == true)
        #expect(lines.filter { $0["inbound"] as? Bool == true }.map { $0["text"] as? String } == ["ja", "1 en 2", "7"])
        #expect(lines.last?["current"] as? Bool == true)
        #expect(lines.filter { $0["current"] as? Bool == true }.count == 1)
        #expect(values["question"] == nil)
        #expect((values["t"] as? [String: String])?["gesprek_versturen"] == "Versturen")
        #expect(values["postPath"] as? String == "/mijn/gesprek")
    }

    /// The issue's promise: one conversation across channels. An answer by SMS, the next in the
    /// browser while the SMS with its question still waited in the outbox, the next by SMS again.
    @Test func oneConversationMovesFromSMSToTheBrowserAndBackWithNoQuestionAskedTwice() throws {
        let (service, id) = try Self.enrolled()

        // 1. By SMS (through a provider that sends its replies through the outbox).
        let sms1 = try service.handle(Fixtures.message("ja", id: "SM1", phone: Self.phone, at: Self.minutes(1)))
        let question1 = try #require(sms1.replies.last?.text)
        #expect(question1.contains("Over welke onderwerpen wil je praten?"))
        #expect(try service.database.read { db in try OutboxStore.pending(channel: "sms", personID: id, in: db) } == sms1.replies)

        // 2. In the browser, before the dispatcher sent that SMS: the page shows the question.
        let page = try service.database.read { db in
            try ChatView(personID: id, postPath: "/mijn/gesprek", messageID: "m", csrf: "c").values(texts: try WebTexts.load(), in: db)
        }
        let shown = try #require(page["lines"] as? [[String: Any]]).first { $0["current"] as? Bool == true }
        #expect(shown?["text"] as? String == question1)
        let web = try Self.web("1 en 2", service, personID: id, at: Self.minutes(2))
        let question2 = try #require(web.replies.last?.text)
        #expect(question2.contains("Geld: genoeg geld"))
        // The waiting SMS would ask again what the browser answered: it is not sent.
        #expect(try service.database.read { db in try OutboxStore.pending(channel: "sms", in: db) }.isEmpty)
        try Self.dispatch(service, at: Self.minutes(2))

        // 3. By SMS again: the answer goes to the question the browser asked.
        let sms2 = try service.handle(Fixtures.message("7", id: "SM2", phone: Self.phone, at: Self.minutes(3)))
        let question3 = try #require(sms2.replies.last?.text)
        #expect(question3.contains("Wonen: je huis"))
        #expect(sms2.replies.allSatisfy { $0.channel == "sms" && $0.address == Self.phone && $0.outboxID > 0 })
        try Self.dispatch(service, at: Self.minutes(3))

        try service.database.read { db throws in
            // Every answer once, in order, each from the channel it came on.
            let answers = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.key, a.value, m.channel FROM answer a JOIN message m ON m.id = a.messageId
                    WHERE a.personId = ? ORDER BY a.id
                    """, arguments: [id])
            #expect(answers.map { $0["key"] as String } == ["toestemming.deelname", "gekozen", "cijfer.geld"])
            #expect(answers.map { $0["channel"] as String } == ["sms", "web", "sms"])
            #expect(answers.last?["value"] as String? == "7")
            // Asked = sent by a provider, or shown as a reply on the page. No text twice.
            let asked = try String.fetchAll(
                db,
                sql: """
                    SELECT m.text FROM message m LEFT JOIN outbox o ON o.messageId = m.id
                    WHERE m.personId = ? AND m.direction = 'out' AND (o.id IS NULL OR o.status = 'sent') ORDER BY m.id
                    """, arguments: [id])
            #expect(Set(asked).count == asked.count)
            #expect(asked.filter { $0 == question2 }.count == 1)
            #expect(asked.filter { $0 == question3 }.count == 1)
            // The first question was read in the browser only: its SMS stopped waiting, unsent.
            #expect(!asked.contains(question1))
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM outbox o JOIN message m ON m.id = o.messageId WHERE m.text = ? AND o.status = 'failed'",
                    arguments: [question1]) == 1)
            // Nothing is ever queued for the web: the dispatcher has nothing to send there.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE channel = 'web'") == 0)
            #expect(try OutboxStore.pending(channel: "sms", in: db).isEmpty)
        }
        // The state went on: the conversation waits for the score of Wonen.
        let state = try #require(
            try service.database.read { db in try ConversationStore.state(personID: id, flowID: FlowLibrary.mainFlowID, in: db) })
        #expect(state.node == "m1_cijfer" && !state.finished)
        #expect(state.vars["lg"]?.key == "wonen")
    }
}
