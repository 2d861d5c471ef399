import Foundation
import GRDB
import Testing

@testable import Bot
@testable import Dialog

/// Inbound messages applied to conversations: once per provider id, a batch in one transaction
/// with only a failing message left out (`ConversationService`, `InboundBatcher`), and the
/// conversation state and answers as stored (`ConversationStore`, `AnswerStore`).
struct StoreContractInboundTests {
    static let flow = Fixtures.library.engine()!.flow.id

    static func personID(_ result: ConversationService.Result) -> Int64 {
        switch result {
        case .applied(let id, _, _), .duplicate(let id, _): id
        }
    }

    static func isApplied(_ outcome: InboundBatcher.Outcome) -> Bool {
        if case .applied(.applied) = outcome { return true }
        return false
    }

    @Test(arguments: StoreBackend.allCases)
    func aRedeliveryIsAppliedOnceAndAnsweredWithTheSameReplies(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            _ = try service.handle(Fixtures.message("hoi", id: "SM1"))
            let first = try service.handle(Fixtures.message("ja", id: "SM2"))
            guard case .applied(let id, _, let replies) = first else {
                Issue.record("not applied")
                return
            }
            #expect(!replies.isEmpty)
            func snapshot() throws -> (String?, [MessageStore.TranscriptLine], [OutgoingMessage]) {
                try database.read { db in
                    (
                        try ConversationStore.storedJSON(personID: id, flowID: Self.flow, in: db),
                        try MessageStore.transcript(personID: id, limit: 500, in: db),
                        try OutboxStore.pending(channel: "sms", in: db)
                    )
                }
            }
            let before = try snapshot()
            let answersBefore = try StoreContractPrivacyTests.answers(id, database)
            // The same provider id again, even with another text: nothing applied, the same replies.
            let again = try service.handle(Fixtures.message("nee", id: "SM2", at: ContractSeed.at(minutes: 5)))
            guard case .duplicate(let againID, let againReplies) = again else {
                Issue.record("a redelivery was applied again")
                return
            }
            #expect(againID == id)
            #expect(againReplies == replies)
            let after = try snapshot()
            #expect(after.0 == before.0)
            #expect(after.1 == before.1)
            #expect(after.2 == before.2)
            #expect(try StoreContractPrivacyTests.answers(id, database) == answersBefore)
            // The id is the provider's on one channel: the same id on another channel is another message.
            let whatsapp = try service.handle(
                InboundMessage(
                    channel: "whatsapp", address: "31612345678", phone: "+31612345678", providerID: "SM2",
                    text: "1 en 2", receivedAt: ContractSeed.at(minutes: 6)))
            guard case .applied(let sameID, _, _) = whatsapp else {
                Issue.record("a message on another channel was taken for a redelivery")
                return
            }
            #expect(sameID == id)
        }
    }

    /// Replies that travelled in the HTTP response are answered again from the store on a redelivery.
    @Test(arguments: StoreBackend.allCases)
    func aRedeliveryOfAnInlineAnsweredMessageGetsTheSameInlineReplies(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            let item = InboundBatcher.Item(message: Fixtures.message("hoi", id: "SM1"), inline: true)
            let (first, again) = try database.writeWithoutTransaction { db in
                (InboundBatcher.commit([item], service: service, in: db), InboundBatcher.commit([item], service: service, in: db))
            }
            guard case .applied(.applied(let id, _, let replies)) = first.first,
                case .applied(.duplicate(let againID, let againReplies)) = again.first
            else {
                Issue.record("expected applied, then duplicate: \(first) \(again)")
                return
            }
            #expect(!replies.isEmpty)
            #expect(replies.allSatisfy { $0.outboxID == 0 })
            #expect(againID == id)
            #expect(againReplies == replies)
            #expect(try database.read { db in try OutboxStore.pending(channel: "sms", in: db) }.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aBatchIsAppliedInOneTransaction(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            let counter = TransactionCounter.watching(database)
            let phones = ["+31611111111", "+31622222222", "+31633333333", "+31644444444"]
            let items = phones.enumerated().map { n, phone in
                InboundBatcher.Item(message: Fixtures.message("hoi", id: "SM\(n)", phone: phone), inline: n.isMultiple(of: 2))
            }
            let outcomes = try database.writeWithoutTransaction { db in InboundBatcher.commit(items, service: service, in: db) }
            #expect(outcomes.count == 4)
            #expect(outcomes.allSatisfy(Self.isApplied))
            #expect(counter.commits == 1)
            try database.read { db throws in
                for phone in phones {
                    let id = try #require(try PersonStore.id(phone: phone, in: db))
                    #expect(try MessageStore.transcript(personID: id, limit: 10, in: db).first?.text == "hoi")
                    #expect(try ConversationStore.exists(personID: id, in: db))
                }
                // The replies not sent inline wait in the outbox, each once.
                var queued: [String] = []
                for (n, outcome) in outcomes.enumerated() where !n.isMultiple(of: 2) {
                    if case .applied(let result) = outcome { queued += result.replies.map(\.text) }
                }
                #expect(!queued.isEmpty)
                #expect(try OutboxStore.pending(channel: "sms", in: db).map(\.text) == queued)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aMessageThatFailsInABatchLeavesTheOthersApplied(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            // +31622222222's conversation was stored by a newer version of the program: it cannot be
            // read, so their message fails. Stored through the operation that stores every state, with
            // the JSON such a version would have written.
            let unreadable = #"{"stateVersion": 999}"#
            let broken = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                let state = try #require(Fixtures.library.engine()).newConversation()
                try ConversationStore.save(state, json: unreadable, personID: id, now: ContractSeed.now, in: db)
                return id
            }
            #expect(throws: ConversationStore.CorruptState.self) {
                try database.read { db in
                    _ = try ConversationStore.load(personID: broken, engine: Fixtures.library.engine()!, in: db)
                }
            }
            let counter = TransactionCounter.watching(database)
            let items = ["+31611111111", "+31622222222", "+31633333333"].enumerated().map { n, phone in
                InboundBatcher.Item(
                    message: Fixtures.message("hoi", id: "SM\(n)", phone: phone, at: ContractSeed.at(minutes: 1)), inline: false)
            }
            let outcomes = try database.writeWithoutTransaction { db in InboundBatcher.commit(items, service: service, in: db) }
            #expect(outcomes.count == 3)
            guard outcomes.count == 3, case .applied(.applied(let a, _, let aReplies)) = outcomes[0],
                case .failed(let failure) = outcomes[1],
                case .applied(.applied(let c, _, let cReplies)) = outcomes[2]
            else {
                Issue.record("expected applied, failed, applied: \(outcomes)")
                return
            }
            #expect(!failure.busy)
            // Everything that applied is in the one transaction that committed.
            #expect(counter.commits == 1)
            try database.read { db throws in
                for id in [a, c] {
                    #expect(try MessageStore.transcript(personID: id, limit: 10, in: db).first?.text == "hoi")
                    #expect(try ConversationStore.state(personID: id, flowID: Self.flow, in: db)?.node != nil)
                }
                // The failing message left nothing: not stored, its state as it was, no reply queued.
                #expect(try MessageStore.transcript(personID: broken, limit: 10, in: db).isEmpty)
                #expect(try ConversationStore.storedJSON(personID: broken, flowID: Self.flow, in: db) == unreadable)
                #expect(try OutboxStore.pending(channel: "sms", personID: broken, in: db).isEmpty)
                // The others' replies each once.
                #expect(try OutboxStore.pending(channel: "sms", in: db).map(\.text) == (aReplies + cReplies).map(\.text))
                #expect(try MessageStore.inbound(channel: "sms", providerID: "SM1", in: db) == nil)
            }
            // The failed message was not taken for delivered: sent again once the state can be read, it applies.
            try database.write { db in
                try ConversationStore.save(
                    try #require(Fixtures.library.engine()).newConversation(), personID: broken,
                    engine: try #require(Fixtures.library.engine()), now: ContractSeed.now, in: db)
            }
            #expect(Self.isApplied(.applied(try service.handle(items[1].message))))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theStateAndAnswersOfAConversationAreStoredAndReadBack(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            var id: Int64 = 0
            for (n, line) in ["hoi", "ja", "1 en 2", "7"].enumerated() {
                id = Self.personID(try service.handle(Fixtures.message(line, id: "SM\(n)", at: ContractSeed.at(minutes: Double(n)))))
            }
            let engine = try #require(Fixtures.library.engine())
            try database.read { db throws in
                let stored = try #require(try ConversationStore.state(personID: id, flowID: Self.flow, in: db))
                #expect(try ConversationStore.load(personID: id, engine: engine, in: db) == stored)
                #expect(stored.module == "m1")
                let json = try #require(try ConversationStore.storedJSON(personID: id, flowID: Self.flow, in: db))
                #expect(try Conversation.decode(Data(json.utf8)) == stored)
                let turn = try ConversationStore.forTurn(personID: id, flowID: Self.flow, in: db)
                #expect(turn.activeFlow == nil && turn.role == "inwoner" && turn.stored == json)
                #expect(try ConversationStore.forTurn(personID: id, flowID: "netwerk", in: db).stored == nil)
                #expect(try ConversationStore.forTurn(personID: 999, flowID: Self.flow, in: db).role == nil)
                #expect(try ConversationStore.latestFlow(personID: id, in: db) == Self.flow)
                #expect(try ConversationStore.exists(personID: id, in: db))
                #expect(try !ConversationStore.exists(personID: 999, in: db))
                #expect(try ConversationStore.state(personID: id, flowID: "netwerk", in: db) == nil)
            }
            // Every valid answer, in the order given, each with its key and value.
            let answers = try StoreContractPrivacyTests.answers(id, database)
            #expect(answers.map(\.key) == ["toestemming.deelname", "gekozen", "cijfer.geld"])
            #expect(answers.last?.value == "7")
            #expect(answers.last?.module == "m1")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aSavedStateIsReadBackAsSavedAndTheLatestSaveCounts(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let engine = try #require(Fixtures.library.engine())
            let member = try #require(Fixtures.library.engine("netwerk"))
            let id = try database.write { db in
                try PersonStore.enrol(
                    phone: "+31611111111", name: "Sam", language: .en, channel: "sms", address: "+31611111111", at: ContractSeed.now, in: db
                )
            }
            // Not stored yet: a fresh conversation in the person's language that knows their name.
            let fresh = try database.read { db in try ConversationStore.load(personID: id, engine: engine, in: db) }
            #expect(fresh.language == .en)
            #expect(fresh.vars["naam"] == .text("Sam"))
            #expect(try database.read { db in try ConversationStore.exists(personID: id, in: db) } == false)

            var state = fresh
            state.vars["test"] = .text("eerste")
            try database.write { db in try ConversationStore.save(state, personID: id, engine: engine, now: ContractSeed.now, in: db)
            }
            state.vars["test"] = .text("tweede")
            state.language = .nl
            state.optedOut = true
            try database.write { db in
                try ConversationStore.save(state, personID: id, engine: engine, now: ContractSeed.at(minutes: 1), in: db)
            }
            try database.read { db throws in
                #expect(try ConversationStore.state(personID: id, flowID: Self.flow, in: db) == state)
                // The person follows the conversation's language and STOP.
                #expect(try PersonStore.language(personID: id, in: db) == .nl)
                #expect(try PersonStore.optedOut(personID: id, in: db))
                #expect(try ConversationStore.latestFlow(personID: id, in: db) == Self.flow)
            }
            // A conversation in another flow, saved later, is the one they last wrote in.
            var memberState = member.newConversation(language: .nl)
            memberState.optedOut = true
            try database.write { db in
                try ConversationStore.save(memberState, personID: id, engine: member, now: ContractSeed.at(minutes: 2), in: db)
            }
            try database.read { db throws in
                #expect(try ConversationStore.latestFlow(personID: id, in: db) == member.flow.id)
                #expect(try ConversationStore.state(personID: id, flowID: member.flow.id, in: db) == memberState)
                #expect(try ConversationStore.state(personID: id, flowID: Self.flow, in: db) == state)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func answersAreAppendedAndNeverReplaced(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                try AnswerStore.add(
                    Answer(node: "m1_cijfer", key: "cijfer.geld", value: .number(7), module: "m1", raw: "7"), personID: id,
                    messageID: nil, at: ContractSeed.now, in: db)
                try AnswerStore.add(
                    Answer(node: "m1_cijfer", key: "cijfer.geld", value: .number(3), module: "m1", raw: "3"), personID: id,
                    messageID: nil, at: ContractSeed.at(minutes: 1), in: db)
                try AnswerStore.add(
                    Answer(node: "m1_naam", key: "naam", value: .text("Kees"), module: nil, raw: "Kees"), personID: other,
                    messageID: nil, at: ContractSeed.now, in: db)
                return (id, other)
            }
            let answers = try StoreContractPrivacyTests.answers(id, database)
            #expect(answers.map(\.key) == ["cijfer.geld", "cijfer.geld"])
            #expect(answers.map(\.value) == [Value.number(7).json, Value.number(3).json])
            #expect(answers.map(\.createdAt) == [SQLDate.text(ContractSeed.now), SQLDate.text(ContractSeed.at(minutes: 1))])
            #expect(try StoreContractPrivacyTests.answers(other, database).map(\.value) == [Value.text("Kees").json])
        }
    }

    /// The health check's question: a fresh store answers, for reading and for writing.
    @Test(arguments: StoreBackend.allCases)
    func aFreshStoreIsReachable(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let reading = try database.read { db in try AppDatabase.isReachable(db) }
            let writing = try database.write { db in try AppDatabase.isReachable(db) }
            #expect(reading && writing)
        }
    }
}
