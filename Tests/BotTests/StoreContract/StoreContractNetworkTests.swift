import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The people around an inwoner (`NetworkStore`, and the members as people we write to in
/// `PersonStore` and `ActionStore`).
struct StoreContractNetworkTests {
    @Test(arguments: StoreBackend.allCases)
    func networkMembersAreListedCheckedAndReachedOnlyWhenTheyAccepted(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, ans, ansPerson, bo, cor, othersMember) = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
                let other = try ContractSeed.inwoner(phone: "+31620000000", in: db)
                let ans = try ContractSeed.member(of: sam, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db)
                let bo = try ContractSeed.member(of: sam, name: "Bo", in: db).memberID
                let cor = try ContractSeed.member(of: sam, name: "Cor", phone: "+31687654322", invitation: .invited, in: db).memberID
                let othersMember = try ContractSeed.member(of: other, name: "Dees", in: db).memberID
                return (sam, ans.memberID, try #require(ans.personID), bo, cor, othersMember)
            }
            let members = try database.read { db in try NetworkStore.members(inwonerID: sam, in: db) }
            #expect(
                members == [
                    NetworkStore.Member(id: ans, name: "Ans", relation: nil, helps: nil, phone: "+31687654321", invitation: "accepted"),
                    NetworkStore.Member(id: bo, name: "Bo", relation: nil, helps: nil, phone: nil, invitation: nil),
                    NetworkStore.Member(id: cor, name: "Cor", relation: nil, helps: nil, phone: "+31687654322", invitation: "invited")
                ])
            try database.read { db throws in
                #expect(try NetworkStore.isMember(bo, of: sam, in: db))
                #expect(try !NetworkStore.isMember(othersMember, of: sam, in: db))
                #expect(try NetworkStore.acceptedPerson(memberID: ans, in: db) == ansPerson)
                #expect(try NetworkStore.acceptedPerson(memberID: cor, in: db) == nil)
                #expect(try NetworkStore.acceptedPerson(memberID: 999, in: db) == nil)
                #expect(try PersonStore.routing(personID: ansPerson, in: db)?.role == "netwerk")
                #expect(try PersonStore.name(personID: ansPerson, in: db) == "Ans")
            }
            // The latest answer counts.
            try database.write { db in try NetworkStore.setInvitation(.declined, memberID: ans, in: db) }
            #expect(try database.read { db in try NetworkStore.acceptedPerson(memberID: ans, in: db) } == nil)
        }
    }

    /// The kinds of support and the closeness the intake asks: saved again with the same local id
    /// (closeness is asked after the kinds), read back, exported, and gone with the inwoner.
    @Test(arguments: StoreBackend.allCases)
    func aMembersSupportAndClosenessAreKeptExportedAndErasedWithTheInwoner(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let sam = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
                let records = PlanRecordStore(db: db, personID: sam, now: ContractSeed.now)
                try records.saveNetworkMember(
                    name: "Ans", relation: "zus", helps: nil, phone: nil, support: "praktisch,emotioneel", localID: "network-1")
                try records.saveNetworkMember(
                    name: "Ans", relation: "zus", helps: nil, phone: nil, support: "praktisch,emotioneel", closeness: "dichtbij",
                    localID: "network-1")
                try records.saveNetworkMember(
                    name: "Cor", relation: "buurman", helps: nil, phone: nil, support: nil, closeness: "verder", localID: "network-2")
                // Named first in a plan step: neither is known.
                try records.saveNetworkMember(name: "Bo", relation: nil, helps: nil, phone: nil, localID: "network-3")
                return sam
            }
            let members = try database.read { db in try NetworkStore.members(inwonerID: sam, in: db) }
            #expect(members.map(\.name) == ["Ans", "Cor", "Bo"])
            #expect(members.map(\.support) == [["praktisch", "emotioneel"], [], []])
            #expect(members.map(\.closeness) == ["dichtbij", "verder", nil])
            let network = try #require(try StoreContractIntakeTests.export(sam, database)["network"] as? [[String: Any]])
            #expect(network.map { $0["support"] as? String } == ["praktisch,emotioneel", nil, nil])
            #expect(network.map { $0["closeness"] as? String } == ["dichtbij", "verder", nil])
            // Only the two words the page knows are a closeness.
            let refused = #expect(throws: (any Error).self) {
                try database.write { db in
                    try PlanRecordStore(db: db, personID: sam, now: ContractSeed.now).saveNetworkMember(
                        name: "Bo", relation: nil, helps: nil, phone: nil, closeness: "ver", localID: "network-3")
                }
            }
            #expect(refused.map(StoreFailure.isConstraintViolation) == true)
            try database.write { db in try Erasure.erase(personID: sam, at: ContractSeed.now, in: db) }
            try database.read { db throws in
                #expect(try NetworkStore.members(inwonerID: sam, in: db).isEmpty)
                #expect(try backend.tables(containing: "praktisch,emotioneel", in: db).isEmpty)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aMemberIsMadeAPersonOnceWhenFirstWrittenToAndMarkedInvitedOnce(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, ans, noPhone) = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
                return (
                    sam, try ContractSeed.member(of: sam, name: "Ans", phone: "+31687654321", in: db).memberID,
                    try ContractSeed.member(of: sam, name: "Bo", in: db).memberID
                )
            }
            let (person, again, none) = try database.write { db in
                (
                    try ActionStore.memberPerson(memberID: ans, inwonerID: sam, at: ContractSeed.now, in: db),
                    try ActionStore.memberPerson(memberID: ans, inwonerID: sam, at: ContractSeed.now, in: db),
                    try ActionStore.memberPerson(memberID: noPhone, inwonerID: sam, at: ContractSeed.now, in: db)
                )
            }
            let ansPerson = try #require(person)
            #expect(again == ansPerson)
            #expect(none == nil)
            #expect(try database.read { db in try PersonStore.id(phone: "+31687654321", in: db) } == ansPerson)
            try database.write { db in try ActionStore.markInvited(memberPersonID: ansPerson, in: db) }
            #expect(try database.read { db in try NetworkStore.members(inwonerID: sam, in: db) }.first?.invitation == "invited")
            // An answer given is not overwritten by marking the invitation again.
            try database.write { db in
                try NetworkStore.setInvitation(.accepted, memberID: ans, in: db)
                try ActionStore.markInvited(memberPersonID: ansPerson, in: db)
            }
            #expect(try database.read { db in try NetworkStore.acceptedPerson(memberID: ans, in: db) } == ansPerson)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aMembersStepsAreTheirsAndStopReturnsTheOpenOnesOnceForEveryInwoner(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, kim, ans, open, done, kimsStep, samsOwn, ansForSam) = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31610000000", name: "Sam", in: db)
                let kim = try ContractSeed.inwoner(phone: "+31620000000", name: "Kim", in: db)
                // Ans helps both Sam and Kim.
                let forSam = try ContractSeed.member(of: sam, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db)
                let forKim = try ContractSeed.member(of: kim, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db)
                let ans = try #require(forSam.personID)
                #expect(forKim.personID == ans)
                let samsGoal = try ContractSeed.goal(sam, in: db)
                let kimsGoal = try ContractSeed.goal(kim, in: db)
                let open = try ContractSeed.action(
                    sam, goalID: samsGoal, what: "Meegaan", owner: "netwerk", memberID: forSam.memberID, in: db)
                let done = try ContractSeed.action(
                    sam, goalID: samsGoal, what: "Bellen", owner: "netwerk", memberID: forSam.memberID,
                    status: "gedaan", in: db)
                let kimsStep = try ContractSeed.action(
                    kim, goalID: kimsGoal, what: "Koken", owner: "netwerk", memberID: forKim.memberID,
                    status: "uitgesteld", in: db)
                let samsOwn = try ContractSeed.action(sam, goalID: samsGoal, what: "Zelf doen", in: db)
                return (sam, kim, ans, open, done, kimsStep, samsOwn, forSam.memberID)
            }
            try database.read { db throws in
                let step = try #require(try NetworkStore.step(actionID: open, memberPersonID: ans, in: db))
                #expect(step.inwonerID == sam && step.what == "Meegaan" && step.memberID == ansForSam && step.memberName == "Ans")
                #expect(try NetworkStore.step(actionID: samsOwn, memberPersonID: ans, in: db) == nil)
                #expect(try NetworkStore.step(actionID: open, memberPersonID: sam, in: db) == nil)
                let parties = try #require(try ActionStore.parties(actionID: open, in: db))
                #expect(
                    parties.inwonerID == sam && parties.memberPersonID == ans && parties.memberName == "Ans" && parties.what == "Meegaan")
                #expect(try ActionStore.parties(actionID: samsOwn, in: db)?.memberPersonID == nil)
                #expect(try ActionStore.invitation(actionID: open, memberPersonID: ans, in: db).map { $0 == ("Ans", "Sam") } == true)
                #expect(try ActionStore.invitation(actionID: samsOwn, memberPersonID: ans, in: db) == nil)
            }
            let stopped = try database.write { db in try NetworkStore.stop(memberPersonID: ans, in: db) }
            #expect(Set(stopped.map(\.actionID)) == [open, kimsStep])
            #expect(stopped.count == 2)
            #expect(!stopped.map(\.actionID).contains(done))
            #expect(Set(stopped.map(\.inwonerID)) == [sam, kim])
            try database.read { db throws in
                #expect(try NetworkStore.members(inwonerID: sam, in: db).map(\.invitation) == ["stopped"])
                #expect(try NetworkStore.members(inwonerID: kim, in: db).map(\.invitation) == ["stopped"])
                #expect(try NetworkStore.acceptedPerson(memberID: ansForSam, in: db) == nil)
            }
        }
    }
}
