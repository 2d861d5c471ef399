import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Links for the omgeving's view in a browser (`OmgevingLinkStore`) and the open invitation they
/// lead to (`OmgevingStore.open`): 14 days, used once, only a hash stored, gone with the inwoner.
struct StoreContractOmgevingLinkTests {
    @Test(arguments: StoreBackend.allCases)
    func aLinkLeadsToItsOpenInvitationForFourteenDaysAndIsUsedOnce(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, _, ans, view) = try StoreContractOmgevingTests.invited(database)
            try database.write { db in
                let token = try OmgevingLinkStore.create(viewID: view, professionalID: nil, at: ContractSeed.now, in: db)
                let other = try OmgevingLinkStore.create(viewID: view, professionalID: nil, at: ContractSeed.now, in: db)
                #expect(try backend.tables(containing: token, in: db).isEmpty)
                #expect(try OmgevingLinkStore.viewID(token, at: ContractSeed.at(minutes: 14 * 24 * 60 - 1), in: db) == view)
                #expect(try OmgevingLinkStore.viewID(token, at: ContractSeed.at(minutes: 14 * 24 * 60), in: db) == nil)
                #expect(try OmgevingLinkStore.viewID("made-up", at: ContractSeed.now, in: db) == nil)
                let open = try #require(try OmgevingStore.open(viewID: view, in: db))
                #expect(open.memberPersonID == ans && open.invitation.inwonerID == sam && open.invitation.leefgebieden == ["geld", "wonen"])
                // Using one link uses every link to the same invitation.
                try OmgevingLinkStore.use(viewID: view, in: db)
                #expect(try OmgevingLinkStore.viewID(token, at: ContractSeed.now, in: db) == nil)
                #expect(try OmgevingLinkStore.viewID(other, at: ContractSeed.now, in: db) == nil)
                // An answered invitation is not open any more.
                _ = try OmgevingStore.answer(
                    viewID: view, memberPersonID: ans, scores: ["geld": 5], strengths: nil, offer: nil, at: ContractSeed.now, in: db)
                #expect(try OmgevingStore.open(viewID: view, in: db) == nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aLinkGoesWithTheInwoner(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, _, _, view) = try StoreContractOmgevingTests.invited(database)
            try database.write { db in
                let token = try OmgevingLinkStore.create(viewID: view, professionalID: nil, at: ContractSeed.now, in: db)
                try Erasure.erase(personID: sam, at: ContractSeed.now, in: db)
                #expect(try OmgevingLinkStore.viewID(token, at: ContractSeed.now, in: db) == nil)
                #expect(try OmgevingStore.open(viewID: view, in: db) == nil)
            }
        }
    }
}
