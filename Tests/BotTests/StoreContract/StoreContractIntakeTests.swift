import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// What the intake records about an inwoner (`PlanRecordStore`, `ModuleProgressStore`) and how the
/// web view reads it back (`IntakeStore`, `PlanRows`).
struct StoreContractIntakeTests {
    @Test(arguments: StoreBackend.allCases)
    func modulesScoresAndStrengthsFromTheIntake(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let id = try database.write { db in
                let id = try ContractSeed.inwoner(in: db)
                try ModuleProgressStore.started("m1", personID: id, at: ContractSeed.now, in: db)
                try ModuleProgressStore.completed("m1", personID: id, at: ContractSeed.at(minutes: 30), in: db)
                try ModuleProgressStore.started("m2", personID: id, at: ContractSeed.at(minutes: 31), in: db)
                // Given out of order: the later re-rating first.
                try ContractSeed.records(id, at: ContractSeed.at(minutes: 60), in: db)
                    .saveScore(leefgebied: "wonen", score: 7, wantsChange: nil, goalID: nil, localID: "s2")
                try ContractSeed.records(id, in: db).saveScore(leefgebied: "wonen", score: 4, wantsChange: true, goalID: nil, localID: "s1")
                try ContractSeed.records(id, in: db).saveScore(leefgebied: "werk", score: 5, wantsChange: false, goalID: nil, localID: "s3")
                try ContractSeed.records(id, in: db).saveStrength(kind: "ik_kan", text: "koken", localID: "k1")
                try ContractSeed.records(id, in: db).saveStrength(kind: "ik_ben", text: "eerlijk", localID: "k2")
                return id
            }
            let (modules, scores, strengths) = try database.read { db in
                (
                    try IntakeStore.modules(personID: id, in: db), try IntakeStore.scores(personID: id, in: db),
                    try IntakeStore.strengths(personID: id, in: db)
                )
            }
            #expect(
                modules.sorted { $0.module < $1.module } == [
                    IntakeStore.ModuleProgress(module: "m1", startedAt: ContractSeed.now, completedAt: ContractSeed.at(minutes: 30)),
                    IntakeStore.ModuleProgress(module: "m2", startedAt: ContractSeed.at(minutes: 31), completedAt: nil)
                ])
            #expect(
                scores == [
                    IntakeStore.Score(leefgebied: "wonen", score: 4), IntakeStore.Score(leefgebied: "werk", score: 5),
                    IntakeStore.Score(leefgebied: "wonen", score: 7)
                ])
            #expect(
                strengths == [IntakeStore.Strength(kind: "ik_kan", text: "koken"), IntakeStore.Strength(kind: "ik_ben", text: "eerlijk")])
            #expect(try database.read { db in try IntakeStore.modules(personID: 999, in: db) }.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func wishesInTheOrderToldAndCareReceivedBeforeCareGiven(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                let records = ContractSeed.records(id, in: db)
                try records.saveWish(
                    leefgebied: "geld", wens: "Rust in mijn hoofd", behoefte: "Overzicht", zelf: "Post openen", hulp: nil, localID: "w1")
                try records.saveWish(
                    leefgebied: "wonen", wens: "Geen schimmel", behoefte: nil, zelf: nil, hulp: "De buurman", localID: "w2")
                _ = try records.saveCarerLink(
                    direction: "geeft", name: "mijn moeder", hours: "veel", phone: nil, checkin: nil, localID: "g1")
                _ = try records.saveCarerLink(direction: "ontvangt", name: "Mo", hours: "paar", phone: nil, checkin: false, localID: "o1")
                try ContractSeed.records(other, in: db).saveWish(
                    leefgebied: "werk", wens: "Werk", behoefte: nil, zelf: nil, hulp: nil, localID: "w1")
                return (id, other)
            }
            let (wishes, care, otherCare) = try database.read { db in
                (
                    try IntakeStore.wishes(personID: id, in: db), try IntakeStore.care(personID: id, in: db),
                    try IntakeStore.care(personID: other, in: db)
                )
            }
            #expect(
                wishes == [
                    IntakeStore.Wish(leefgebied: "geld", wens: "Rust in mijn hoofd", behoefte: "Overzicht", zelf: "Post openen", hulp: nil),
                    IntakeStore.Wish(leefgebied: "wonen", wens: "Geen schimmel", behoefte: nil, zelf: nil, hulp: "De buurman")
                ])
            #expect(
                care == [
                    IntakeStore.Care(direction: "ontvangt", name: "Mo", hours: "paar"),
                    IntakeStore.Care(direction: "geeft", name: "mijn moeder", hours: "veel")
                ])
            #expect(otherCare.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aModuleKeepsItsFirstStartAndItsLatestCompletion(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let id = try database.write { db in
                let id = try ContractSeed.inwoner(in: db)
                try ModuleProgressStore.started("m1", personID: id, at: ContractSeed.now, in: db)
                try ModuleProgressStore.started("m1", personID: id, at: ContractSeed.at(minutes: 5), in: db)
                try ModuleProgressStore.completed("m1", personID: id, at: ContractSeed.at(minutes: 10), in: db)
                try ModuleProgressStore.completed("m1", personID: id, at: ContractSeed.at(minutes: 20), in: db)
                // Completed without a start recorded: it starts then.
                try ModuleProgressStore.completed("m3", personID: id, at: ContractSeed.at(minutes: 30), in: db)
                return id
            }
            let modules = try database.read { db in try IntakeStore.modules(personID: id, in: db) }.sorted { $0.module < $1.module }
            #expect(
                modules == [
                    IntakeStore.ModuleProgress(module: "m1", startedAt: ContractSeed.now, completedAt: ContractSeed.at(minutes: 20)),
                    IntakeStore.ModuleProgress(
                        module: "m3", startedAt: ContractSeed.at(minutes: 30), completedAt: ContractSeed.at(minutes: 30))
                ])
        }
    }

    /// Every record is saved under the flow's local id: saved again (a corrected answer), it keeps
    /// its row, its id and its creation time, and takes the new values.
    @Test(arguments: StoreBackend.allCases)
    func aRecordSavedAgainUnderItsLocalIdIsUpdatedNotAdded(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                (try ContractSeed.inwoner(phone: "+31611111111", in: db), try ContractSeed.inwoner(phone: "+31622222222", in: db))
            }
            let (goal, goalAgain, othersGoal, link, linkAgain, action, actionAgain) = try database.write { db in
                let first = ContractSeed.records(id, at: ContractSeed.now, in: db)
                let later = ContractSeed.records(id, at: ContractSeed.at(minutes: 30), in: db)
                let goal = try #require(
                    try first.saveGoal(text: "Een huis", leefgebied: "wonen", rank: 1, wishLocalID: "wish-1", localID: "goal-1"))
                let goalAgain = try #require(
                    try later.saveGoal(text: "Een droog huis", leefgebied: "wonen", rank: 1, wishLocalID: "wish-1", localID: "goal-1"))
                // The same local id is another record for another inwoner.
                let othersGoal = try #require(
                    try ContractSeed.records(other, in: db).saveGoal(
                        text: "Werk", leefgebied: "werk", rank: 1,
                        wishLocalID: nil, localID: "goal-1"))
                try first.saveScore(leefgebied: "wonen", score: 4, wantsChange: true, goalID: nil, localID: "score-1")
                try later.saveScore(leefgebied: "wonen", score: 3, wantsChange: true, goalID: nil, localID: "score-1")
                try first.saveStrength(kind: "ik_ben", text: "eerlijk", localID: "strength-1")
                try later.saveStrength(kind: "ik_ben", text: "heel eerlijk", localID: "strength-1")
                try first.saveWish(leefgebied: "wonen", wens: "Een huis", behoefte: nil, zelf: nil, hulp: nil, localID: "wish-1")
                try later.saveWish(
                    leefgebied: "wonen", wens: "Een droog huis", behoefte: "hulp", zelf: "bellen", hulp: "zus", localID: "wish-1")
                try first.saveNetworkMember(name: "Ans", relation: "zus", helps: nil, phone: nil, localID: "network-1")
                try later.saveNetworkMember(
                    name: "Ans", relation: "zus", helps: "boodschappen", phone: "+31633333333", localID: "network-1")
                let link = try #require(
                    try first.saveCarerLink(
                        direction: "geeft", name: "Mijn moeder", hours: nil, phone: nil, checkin: nil,
                        localID: "mantelzorg-1"))
                let linkAgain = try #require(
                    try later.saveCarerLink(
                        direction: "geeft", name: "Mijn moeder", hours: "paar", phone: nil,
                        checkin: false, localID: "mantelzorg-1"))
                let action = try #require(
                    try first.saveAction(
                        goalID: goal, what: "Bellen", ownerKind: "inwoner", memberID: nil, dueDate: "2026-11-24",
                        dueTime: "10:00", localID: "action-1"))
                let actionAgain = try #require(
                    try later.saveAction(
                        goalID: goal, what: "Mailen", ownerKind: "inwoner", memberID: nil,
                        dueDate: "2026-11-25", dueTime: nil, localID: "action-1"))
                try first.confirmSpiegelblad(module: "m1", localID: "spiegelblad-1")
                try later.confirmSpiegelblad(module: "m1", localID: "spiegelblad-1")
                return (goal, goalAgain, othersGoal, link, linkAgain, action, actionAgain)
            }
            #expect(goal == goalAgain)
            #expect(othersGoal != goal)
            #expect(link == linkAgain)
            #expect(action == actionAgain)
            try database.read { db throws in
                let records = PlanRecordStore(db: db, personID: id, now: ContractSeed.now)
                #expect(try records.goal(localID: "goal-1") == goal)
                #expect(try records.goal(localID: "goal-2") == nil)
                #expect(try records.ownGoal(goal) == goal)
                #expect(try records.ownGoal(othersGoal) == nil)
                #expect(try records.networkMember(localID: "network-1") != nil)
                #expect(try IntakeStore.scores(personID: id, in: db) == [IntakeStore.Score(leefgebied: "wonen", score: 3)])
                #expect(try IntakeStore.strengths(personID: id, in: db) == [IntakeStore.Strength(kind: "ik_ben", text: "heel eerlijk")])
                #expect(try NetworkStore.members(inwonerID: id, in: db).map(\.helps) == ["boodschappen"])
                let goals = try PlanRows.goals(personID: id, in: db)
                #expect(goals.map(\.text) == ["Een droog huis"])
                #expect(goals.first?.actions.map(\.what) == ["Mailen"])
                #expect(goals.first?.actions.first?.dueTime == nil)
            }
            // One row each, with the first creation time and the latest values.
            let export = try Self.export(id, database)
            #expect((export["goals"] as? [[String: Any]])?.map { $0["createdAt"] as? String } == [SQLDate.text(ContractSeed.now)])
            #expect((export["scores"] as? [[String: Any]])?.map { $0["createdAt"] as? String } == [SQLDate.text(ContractSeed.now)])
            #expect((export["wishes"] as? [[String: Any]])?.map { $0["wens"] as? String } == ["Een droog huis"])
            #expect((export["mantelzorg"] as? [[String: Any]])?.map { $0["hours"] as? String } == ["paar"])
            #expect((export["network"] as? [[String: Any]])?.map { $0["phone"] as? String } == ["+31633333333"])
            // A spiegelblad confirmed again is confirmed at the latest moment.
            #expect(
                (export["spiegelbladen"] as? [[String: Any]])?.map { $0["confirmedAt"] as? String } == [
                    SQLDate.text(ContractSeed.at(minutes: 30))
                ])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theStoredPlanHasGoalsInRankOrderWithTheirActionsAndMeasuredResult(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, second, first, rerated) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let member = try ContractSeed.member(of: id, name: "Ans", in: db).memberID
                let second = try ContractSeed.goal(id, text: "Werk", leefgebied: "werk", rank: 2, in: db)
                let first = try ContractSeed.goal(id, text: "Een huis", leefgebied: "wonen", rank: 1, in: db)
                try ContractSeed.records(id, at: ContractSeed.now, in: db).saveScore(
                    leefgebied: "wonen", score: 4, wantsChange: true, goalID: nil, localID: "s1")
                try ContractSeed.records(id, at: ContractSeed.at(minutes: 1), in: db).saveScore(
                    leefgebied: "wonen", score: 5, wantsChange: true, goalID: nil, localID: "s2")
                try ContractSeed.records(id, at: ContractSeed.at(minutes: 90), in: db).saveScore(
                    leefgebied: "wonen", score: 7, wantsChange: nil, goalID: first, localID: "r1")
                let rerated = try ContractSeed.action(
                    id, goalID: first, what: "Ans vragen", owner: "netwerk", memberID: member, due: "2026-11-27", in: db)
                try ContractSeed.action(id, goalID: first, what: "Bellen", status: "gedaan", due: "2026-11-24", time: "10:00", in: db)
                return (id, second, first, rerated)
            }
            let goals = try database.read { db in try PlanRows.goals(personID: id, in: db) }
            #expect(goals.map(\.id) == [first, second])
            let huis = try #require(goals.first)
            #expect(huis.before == 4 && huis.after == 7)
            #expect(goals.last?.before == nil && goals.last?.after == nil)
            #expect(huis.actions.map(\.what) == ["Ans vragen", "Bellen"])
            let ans = try #require(huis.actions.first)
            #expect(
                ans.id == rerated && ans.ownerKind == "netwerk" && ans.memberName == "Ans"
                    && ans.dueDate == LocalDate(year: 2026, month: 11, day: 27))
            #expect(huis.actions.last?.status == "gedaan" && huis.actions.last?.dueTime == LocalTime(hour: 10, minute: 0))
            #expect(
                try database.read { db in try ActionStore.rerating(goalID: first, in: db) }.map { $0 == ("Een huis", "wonen", 4) }
                    == true)
        }
    }

    static func export(_ personID: Int64, _ database: AppDatabase) throws -> [String: Any] {
        let data = try database.read { db in try PersonExport.document(personID: personID, in: db) }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
