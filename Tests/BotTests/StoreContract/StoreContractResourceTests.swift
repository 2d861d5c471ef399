import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Hulpbronnen per wish and who or what carries each action (`PlanRecordStore.saveResource`,
/// `IntakeStore.wishes`, `PlanRows`, `PlanStore.addAction` with a specialist).
struct StoreContractResourceTests {
    @Test(arguments: StoreBackend.allCases)
    func aWishKeepsWhatTheInwonerHasBeforeWhatTheyLackWithTheirKinds(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                let records = ContractSeed.records(id, in: db)
                try records.saveWish(leefgebied: "geld", wens: "Overzicht", behoefte: "Uitleg", zelf: "Mijn zus", hulp: nil, localID: "w1")
                // Told in the order the flow asks: first what lacks is corrected, then what is there.
                try records.saveResource(wishLocalID: "w1", text: "uitleg", kinds: ["informatief"], has: false, localID: "r2")
                try records.saveResource(wishLocalID: "w1", text: "mijn zus", kinds: ["relationeel"], has: true, localID: "r1")
                // The same local id again is the corrected answer: one row, the new words.
                try records.saveResource(
                    wishLocalID: "w1", text: "uitleg en geld", kinds: ["informatief", "financieel"], has: false, localID: "r2")
                // No words, nothing stored.
                try records.saveResource(wishLocalID: "w1", text: nil, kinds: [], has: true, localID: "r3")
                try ContractSeed.records(other, in: db).saveWish(
                    leefgebied: "geld", wens: "Anders", behoefte: nil, zelf: nil, hulp: nil, localID: "w1")
                try ContractSeed.records(other, in: db).saveResource(
                    wishLocalID: "w1", text: "een fiets", kinds: ["materieel"], has: false, localID: "r1")
                return (id, other)
            }
            let (wishes, others) = try database.read { db in
                (try IntakeStore.wishes(personID: id, in: db), try IntakeStore.wishes(personID: other, in: db))
            }
            #expect(
                wishes.first?.resources == [
                    IntakeStore.Resource(text: "mijn zus", kinds: [.people], has: true),
                    IntakeStore.Resource(text: "uitleg en geld", kinds: [.information, .money], has: false)
                ])
            #expect(others.first?.resources == [IntakeStore.Resource(text: "een fiets", kinds: [.things], has: false)])
            let export = try StoreContractIntakeTests.export(id, database)
            #expect(
                (export["hulpbronnen"] as? [[String: Any]])?.map { $0["kinds"] as? String } == ["informatief,financieel", "relationeel"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func eachActionIsCarriedByTheInwonerTheNetworkAVoorzieningTheProfessionalOrASpecialist(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, goal) = try database.write { db in
                let id = try ContractSeed.inwoner(in: db)
                let member = try ContractSeed.member(of: id, name: "Ans", in: db).memberID
                let goal = try ContractSeed.goal(id, text: "Overzicht", leefgebied: "geld", in: db)
                let records = ContractSeed.records(id, in: db)
                _ = try records.saveAction(
                    goalID: goal, what: "Post openen", ownerKind: "inwoner", memberID: nil, dueDate: nil, dueTime: nil, localID: "a1")
                _ = try records.saveAction(
                    goalID: goal, what: "Meegaan", ownerKind: "netwerk", memberID: member, dueDate: nil, dueTime: nil, localID: "a2")
                _ = try records.saveAction(
                    goalID: goal, what: "Contact met het Geldmaatje", ownerKind: "inwoner", memberID: nil, dueDate: nil, dueTime: nil,
                    voorziening: "geldmaatje", localID: "a3")
                _ = try records.saveAction(
                    goalID: goal, what: "Gesprek", ownerKind: "professional", memberID: nil, dueDate: nil, dueTime: nil, localID: "a4")
                _ = try PlanStore.addAction(
                    personID: id, goalID: goal, what: "Aanmelden bij de ggz", owner: PlanStore.Owner(kind: "professional"), due: nil,
                    specialist: "ggz", at: ContractSeed.now, in: db)
                return (id, goal)
            }
            let goals = try database.read { db in try PlanRows.goals(personID: id, in: db) }
            let actions = try #require(goals.first { $0.id == goal }).actions
            #expect(actions.map(\.carrier) == [.zelf, .netwerk, .voorziening, .hulpverlener, .specialist])
            #expect(actions.map(\.voorziening) == [nil, nil, "geldmaatje", nil, nil])
            #expect(actions.map(\.specialist) == [nil, nil, nil, nil, "ggz"])
            #expect(goals.first?.mix == PlanCarrier.allCases)
            let exported = try #require((StoreContractIntakeTests.export(id, database)["goals"] as? [[String: Any]])?.first?["actions"])
            #expect((exported as? [[String: Any]])?.compactMap { $0["specialist"] as? String } == ["ggz"])
            #expect((exported as? [[String: Any]])?.compactMap { $0["voorziening"] as? String } == ["geldmaatje"])
        }
    }
}
