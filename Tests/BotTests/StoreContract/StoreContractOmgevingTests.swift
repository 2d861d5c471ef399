import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The omgeving's own view (`OmgevingStore`): invited once, answered or declined by the invited
/// person only, told to the inwoner once, exported, and gone with an erasure of either side.
struct StoreContractOmgevingTests {
    static let ansPhone = "+31687654321"
    static let strengths = "Ze zet altijd door, ook als het zwaar is"

    /// Sam invited Ans (a member with a phone, now a person we write to). Returns Sam, Ans's member
    /// id and person id, and the view's id.
    static func invited(_ database: AppDatabase, share: Bool = true) throws -> (sam: Int64, member: Int64, ans: Int64, view: Int64) {
        try database.write { db in
            let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
            let member = try ContractSeed.member(of: sam, name: "Ans", phone: ansPhone, in: db).memberID
            let ans = try #require(try ActionStore.memberPerson(memberID: member, inwonerID: sam, at: ContractSeed.now, in: db))
            let view = try #require(
                try OmgevingStore.invite(
                    inwonerID: sam, localID: "og-1", memberID: member, memberPersonID: ans, share: share,
                    leefgebieden: ["geld", "wonen"], at: ContractSeed.now, in: db))
            return (sam, member, ans, view)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anInvitationIsSentOnceAnsweredByTheInvitedPersonOnlyAndToldOnce(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, member, ans, view) = try Self.invited(database)
            try database.write { db in
                #expect(
                    try OmgevingStore.nextInvitation(memberPersonID: ans, in: db)
                        == .init(viewID: view, inwonerID: sam, memberName: "Ans", inwonerName: "Sam", leefgebieden: ["geld", "wonen"]))
                // The same record again is the same invitation; another one for Ans stands aside.
                #expect(
                    try OmgevingStore.invite(
                        inwonerID: sam, localID: "og-1", memberID: member, memberPersonID: ans, share: false,
                        leefgebieden: ["geld"], at: ContractSeed.now, in: db) == view)
                #expect(
                    try OmgevingStore.invite(
                        inwonerID: sam, localID: "og-2", memberID: member, memberPersonID: ans, share: true,
                        leefgebieden: ["geld", "wonen"], at: ContractSeed.now, in: db) == nil)
                try OmgevingStore.markAsked(viewID: view, at: ContractSeed.at(minutes: 5), in: db)
                #expect(try OmgevingStore.nextInvitation(memberPersonID: ans, in: db) == nil)
                // Nobody else answers for Ans.
                #expect(
                    try OmgevingStore.answer(
                        viewID: view, memberPersonID: sam, scores: ["geld": 1], strengths: nil, offer: nil,
                        at: ContractSeed.at(minutes: 6), in: db) == nil)
                #expect(
                    try OmgevingStore.answer(
                        viewID: view, memberPersonID: ans, scores: ["geld": 4], strengths: Self.strengths, offer: "Mee naar de bank",
                        at: ContractSeed.at(minutes: 10), in: db) == sam)
                // Answered once: a second answer or a no changes nothing.
                #expect(try !OmgevingStore.decline(viewID: view, memberPersonID: ans, at: ContractSeed.at(minutes: 11), in: db))
            }
            let views = try database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }
            #expect(
                views == [
                    .init(
                        id: view, memberID: member, memberName: "Ans", relation: nil, status: "answered", share: true,
                        leefgebieden: ["geld", "wonen"], scores: ["geld": 4], strengths: Self.strengths, offer: "Mee naar de bank",
                        answeredAt: ContractSeed.at(minutes: 10))
                ])
            try database.write { db in
                #expect(try OmgevingStore.untold(inwonerID: sam, in: db) == [.init(viewID: view, memberName: "Ans", share: true)])
                try OmgevingStore.markTold(viewID: view, at: ContractSeed.at(minutes: 60), in: db)
                #expect(try OmgevingStore.untold(inwonerID: sam, in: db).isEmpty)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func whoSaidNoIsNotInvitedAgain(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, member, ans, view) = try Self.invited(database)
            try database.write { db in
                try OmgevingStore.markAsked(viewID: view, at: ContractSeed.now, in: db)
                #expect(try OmgevingStore.decline(viewID: view, memberPersonID: ans, at: ContractSeed.at(minutes: 1), in: db))
                #expect(
                    try OmgevingStore.invite(
                        inwonerID: sam, localID: "og-9", memberID: member, memberPersonID: ans, share: true,
                        leefgebieden: ["geld"], at: ContractSeed.at(minutes: 2), in: db) == nil)
                #expect(try OmgevingStore.nextInvitation(memberPersonID: ans, in: db) == nil)
                #expect(try OmgevingStore.untold(inwonerID: sam, in: db).isEmpty)
            }
            #expect(try database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }.map(\.status) == ["declined"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aStopCountsAsNoForEveryOpenInvitation(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, _, ans, view) = try Self.invited(database)
            try database.write { db in
                try OmgevingStore.stopped(memberPersonID: sam, at: ContractSeed.now, in: db)
                #expect(try OmgevingStore.nextInvitation(memberPersonID: ans, in: db)?.viewID == view)
                try OmgevingStore.stopped(memberPersonID: ans, at: ContractSeed.now, in: db)
                #expect(try OmgevingStore.nextInvitation(memberPersonID: ans, in: db) == nil)
                #expect(
                    try OmgevingStore.answer(
                        viewID: view, memberPersonID: ans, scores: [:], strengths: nil, offer: nil, at: ContractSeed.now, in: db) == nil)
            }
            #expect(try database.read { db in try OmgevingStore.views(inwonerID: sam, in: db) }.map(\.status) == ["declined"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theExportHoldsTheViewForBothSides(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, _, ans, view) = try Self.invited(database, share: false)
            try database.write { db in
                _ = try OmgevingStore.answer(
                    viewID: view, memberPersonID: ans, scores: ["wonen": 8], strengths: Self.strengths, offer: nil,
                    at: ContractSeed.at(minutes: 10), in: db)
            }
            for person in [sam, ans] {
                let export = try StoreContractIntakeTests.export(person, database)
                let views = try #require(export["omgeving"] as? [[String: Any]])
                #expect(views.count == 1)
                #expect(views.first?["strengths"] as? String == Self.strengths)
                #expect(views.first?["scores"] as? String == #"{"wonen":8}"#)
                #expect((views.first?["share"] as? NSNumber)?.intValue == 0)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func erasingTheInwonerOrTheInvitedPersonLeavesNothingOfTheView(_ backend: StoreBackend) throws {
        for erased in ["inwoner", "lid"] {
            try backend.withStore { database in
                let (sam, _, ans, view) = try Self.invited(database)
                try database.write { db in
                    _ = try OmgevingStore.answer(
                        viewID: view, memberPersonID: ans, scores: ["geld": 4], strengths: Self.strengths, offer: "Koken",
                        at: ContractSeed.at(minutes: 10), in: db)
                    try Erasure.erase(personID: erased == "inwoner" ? sam : ans, at: ContractSeed.at(minutes: 20), in: db)
                }
                try database.read { db throws in
                    #expect(try backend.tables(containing: Self.strengths, in: db).isEmpty, "after erasing the \(erased)")
                    #expect(try OmgevingStore.views(inwonerID: sam, in: db).isEmpty)
                    #expect(try OmgevingStore.nextInvitation(memberPersonID: ans, in: db) == nil)
                    if erased == "inwoner" { #expect(try PersonStore.id(phone: Self.ansPhone, in: db) == nil) }
                }
            }
        }
    }
}
