import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The inwoner (1) as a mantelzorger themselves: their own quick score from the intake is weighed
/// by the same rules, and their questionnaire ends in the same signals as mantelzorger Els's (2).
extension CarerCheckinTests {
    /// A message from the inwoner.
    func sendAsInwoner(_ text: String, at now: Date, _ service: ConversationService) throws {
        n += 1
        _ = try service.handle(
            InboundMessage(
                channel: "sms", address: "+31612345678", phone: "+31612345678", providerID: "I\(n)",
                text: text, receivedAt: now))
    }

    /// The inwoner's own quick score in the intake, then the intake's end: the kinds of their own check-ins.
    func ownQuick(_ score: Int, _ database: AppDatabase, _ service: ConversationService) throws -> [String] {
        try database.write { db in
            let carers = CarerCheckins(service: service, db: db, now: Self.start)
            try carers.ownQuickAnswered(inwonerID: 1, score: score)
            try carers.ownQuestionnaireAfterIntake(inwonerID: 1)
            return try String.fetchAll(db, sql: "SELECT kind FROM checkin WHERE carerPersonId = 1 ORDER BY id")
        }
    }

    @Test func aHighOwnBurdenRaisesTheSameSignalAsForAMantelzorger() throws {
        let (database, service) = try setUp()
        _ = try quick(5, weeks: 0, database, service)
        try answerCSI(8, weeks: 0, database, service)
        #expect(try ownQuick(8, database, service) == ["quick", "csi"])
        let state = try database.read { db in try ConversationStore.state(personID: 1, flowID: "csi", in: db) }
        let items = state?.vars["vragen"]?.listItems.count ?? 0
        #expect(items == 13)
        for item in 0..<items { try sendAsInwoner(item < 8 ? "ja" : "nee", at: Self.start, service) }
        let signals = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT personId, kind, detail FROM alert ORDER BY id").map {
                [String(describing: $0["personId"] as Int64), $0["kind"] as String, $0["detail"] as String]
            }
        }
        #expect(
            signals == [
                ["1", "mantelzorg_overbelast", "Els: csi 8 van 13"], ["1", "mantelzorg_overbelast", "de inwoner zelf: csi 8 van 13"]
            ])
        let keys = try database.read { db in
            try String.fetchAll(db, sql: "SELECT textKey FROM message WHERE personId = 1 AND direction = 'out' ORDER BY id")
        }
        #expect(keys.first == CarerCheckins.ownQuestionnaireLater)
        #expect(keys.last == "mantelzorg.uitslag.hoog")
        // The questionnaire asked once: a later end of a part of the conversation does not ask it again.
        #expect(try ownQuickAfterAnotherEnd(database, service) == ["quick", "csi"])
    }

    @Test func aLowOwnBurdenIsStoredAndAsksNothingMore() throws {
        let (database, service) = try setUp()
        #expect(try ownQuick(6, database, service) == ["quick"])
        let own = try database.read { db in try CarerStore.checkins(about: 1, in: db).filter { $0.carerID == 1 } }
        #expect(own.map(\.score) == [6])
        #expect(own.map(\.status) == ["answered"])
        let sent = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE personId = 1 AND direction = 'out'")
        }
        #expect(sent == 0)
        #expect(try alerts(database).isEmpty)
    }

    private func ownQuickAfterAnotherEnd(_ database: AppDatabase, _ service: ConversationService) throws -> [String] {
        try database.write { db in
            try CarerCheckins(service: service, db: db, now: Self.start).ownQuestionnaireAfterIntake(inwonerID: 1)
            return try String.fetchAll(db, sql: "SELECT kind FROM checkin WHERE carerPersonId = 1 ORDER BY id")
        }
    }
}
