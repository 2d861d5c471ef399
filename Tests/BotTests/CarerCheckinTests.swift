import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The check-in rules, driven directly with a clock that moves in steps of two weeks.
final class CarerCheckinTests {
    var n = 0

    static let start = ISO8601DateFormatter().date(from: "2026-11-23T10:00:00+01:00")!

    /// An inwoner (1) who named mantelzorger Els (2), who accepted check-ins by answering JA.
    func setUp() throws -> (AppDatabase, ConversationService) {
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', '+31612345678', 'Sam', ?)",
                arguments: [Self.start])
            try db.execute(sql: "INSERT INTO contact (personId, channel, address) VALUES (1, 'sms', '+31612345678')")
            try db.execute(
                sql: """
                    INSERT INTO mantelzorg (personId, localId, direction, name, phone, checkin, createdAt)
                    VALUES (1, 'mz', 'ontvangt', 'Els', '+31611112222', 1, ?)
                    """, arguments: [Self.start])
            let carers = CarerCheckins(service: service, db: db, now: Self.start)
            try carers.invite(carerLinkID: 1)
            _ = try carers.runInvite(carerID: 2, run: "t")
        }
        try send("ja", at: Self.start, service)
        return (database, service)
    }

    /// A message from Els.
    func send(_ text: String, at now: Date, _ service: ConversationService) throws {
        n += 1
        _ = try service.handle(
            InboundMessage(
                channel: "sms", address: "+31611112222", phone: "+31611112222", providerID: "E\(n)",
                text: text, receivedAt: now))
    }

    func moment(_ weeks: Int) -> Date { Self.start.addingTimeInterval(Double(weeks) * 7 * 86400) }

    /// A check-in `weeks` after the start, answered with `score`: which questions it asked.
    func quick(_ score: Int, weeks: Int, _ database: AppDatabase, _ service: ConversationService) throws -> [String] {
        let now = moment(weeks)
        if weeks > 0 {
            try database.write { db in
                _ = try CarerCheckins(service: service, db: db, now: now).startCheckin(carerID: 2, run: "w\(weeks)")
            }
        }
        try send(String(score), at: now, service)
        return try database.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM checkin WHERE askedAt = ? ORDER BY id", arguments: [now])
        }
    }

    /// Answers the questionnaire: `yes` items ja, then nee, the last `missing` skipped.
    func answerCSI(_ yes: Int, missing: Int = 0, weeks: Int, _ database: AppDatabase, _ service: ConversationService) throws {
        let state = try database.read { db in try ConversationStore.state(personID: 2, flowID: "csi", in: db) }
        let count = state?.vars["vragen"]?.listItems.count ?? 0
        for n in 0..<count {
            try send(n >= count - missing ? "OVERSLAAN" : n < yes ? "ja" : "nee", at: moment(weeks), service)
        }
    }

    func alerts(_ database: AppDatabase) throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT kind FROM alert ORDER BY id") }
    }

    @Test func theIntervalIsPerPerson() throws {
        let (database, service) = try setUp()
        try database.write { db in try db.execute(sql: "UPDATE mantelzorg SET checkinEveryDays = 7") }
        try database.write { db in
            _ = try CarerCheckins(service: service, db: db, now: self.moment(1)).startCheckin(carerID: 2, run: "w1")
        }
        let next = try database.read { db in
            try Date.fetchOne(db, sql: "SELECT MAX(dueAt) FROM job WHERE kind = 'checkin' AND status = 'pending'")
        }
        #expect(next == moment(2))
    }

    @Test func theFirstCheckInAsksTheFullQuestionnaire() throws {
        let (database, service) = try setUp()
        #expect(try quick(3, weeks: 0, database, service) == ["quick", "csi"])
    }

    @Test func aHighOrRisingQuickScoreAsksItAgainOtherwiseEveryThreeMonths() throws {
        let (database, service) = try setUp()
        _ = try quick(3, weeks: 0, database, service)
        try answerCSI(2, weeks: 0, database, service)
        #expect(try quick(3, weeks: 2, database, service) == ["quick"])
        #expect(try quick(4, weeks: 4, database, service) == ["quick"])  // a rise of 1
        #expect(try quick(6, weeks: 6, database, service) == ["quick", "csi"])  // a rise of 2
        try answerCSI(2, weeks: 6, database, service)
        #expect(try quick(7, weeks: 8, database, service) == ["quick", "csi"])  // 7 or more
        try answerCSI(2, weeks: 8, database, service)
        #expect(try quick(6, weeks: 10, database, service) == ["quick"])
        #expect(try quick(6, weeks: 22, database, service) == ["quick", "csi"])  // 3 months after the last
    }

    @Test func aCutOffScoreAlertsAndIsAnsweredCalmly() throws {
        let (database, service) = try setUp()
        _ = try quick(5, weeks: 0, database, service)
        try answerCSI(7, weeks: 0, database, service)
        #expect(try alerts(database) == ["mantelzorg_overbelast"])
        let last = try database.read { db in try String.fetchOne(db, sql: "SELECT textKey FROM message ORDER BY id DESC LIMIT 1") }
        #expect(last == "mantelzorg.uitslag.hoog")
        let band = try database.read { db in try String.fetchOne(db, sql: "SELECT band FROM checkin WHERE kind = 'csi'") }
        #expect(band == "hoog")
    }

    @Test func anIncompleteScoreThatCanStillReachTheCutOffIsAskedAgainNeverFilledIn() throws {
        let (database, service) = try setUp()
        _ = try quick(5, weeks: 0, database, service)
        try answerCSI(6, missing: 1, weeks: 0, database, service)
        #expect(try alerts(database).isEmpty)
        let state = try database.read { db in try ConversationStore.state(personID: 2, flowID: "csi", in: db) }
        #expect(state?.vars["vragen"]?.listItems.count == 1)
        #expect(state?.vars["opnieuw"] == .bool(true))
        // Still missing after asking again: stored as incomplete, flagged, never imputed.
        try send("OVERSLAAN", at: moment(0), service)
        #expect(try alerts(database) == ["mantelzorg_onvolledig"])
        let score = try database.read { db in try Int.fetchOne(db, sql: "SELECT score FROM checkin WHERE kind = 'csi'") }
        #expect(score == 6)
    }

    @Test func threeRisesInARowAlert() throws {
        let (database, service) = try setUp()
        _ = try quick(2, weeks: 0, database, service)
        try answerCSI(1, weeks: 0, database, service)
        _ = try quick(3, weeks: 2, database, service)
        _ = try quick(4, weeks: 4, database, service)
        #expect(try alerts(database).isEmpty)
        _ = try quick(5, weeks: 6, database, service)
        #expect(try alerts(database) == ["mantelzorg_stijgend"])
    }

    @Test func twoUnansweredCheckInsInARowAlert() throws {
        let (database, service) = try setUp()
        _ = try quick(2, weeks: 0, database, service)
        try answerCSI(1, weeks: 0, database, service)
        for weeks in [2, 4, 6] {
            try database.write { db in
                _ = try CarerCheckins(service: service, db: db, now: self.moment(weeks)).startCheckin(carerID: 2, run: "w\(weeks)")
            }
        }
        #expect(try alerts(database) == ["mantelzorg_geen_antwoord"])
    }
}
