import Foundation
import GRDB
import Testing

@testable import Bot

/// "Hier wil ik over praten" (`TalkStore`): a mark per leefgebied with the moment it was set,
/// open until the professional clears it, in the export and gone with an erasure.
struct StoreContractTalkTests {
    @Test(arguments: StoreBackend.allCases)
    func aMarkKeepsItsFirstMomentUntilClearedAndThenOpensAgain(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, kim) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", professionalID: anna, in: db)
                let kim = try ContractSeed.inwoner(phone: "+31622222222", name: "Kim", professionalID: anna, in: db)
                try TalkStore.mark(personID: sam, leefgebied: "werk", at: ContractSeed.now, in: db)
                try TalkStore.mark(personID: sam, leefgebied: "geld", at: ContractSeed.at(minutes: 1), in: db)
                // Marked again while open: the first moment stays.
                try TalkStore.mark(personID: sam, leefgebied: "werk", at: ContractSeed.at(minutes: 2), in: db)
                try TalkStore.mark(personID: kim, leefgebied: "wonen", at: ContractSeed.now, in: db)
                return (sam, kim)
            }
            #expect(
                try database.read { db in try TalkStore.open(personID: sam, in: db) } == [
                    .init(leefgebied: "werk", markedAt: ContractSeed.now), .init(leefgebied: "geld", markedAt: ContractSeed.at(minutes: 1))
                ])
            let cleared = try database.write { db in
                (
                    try TalkStore.clear(personID: sam, leefgebied: "werk", at: ContractSeed.at(minutes: 3), in: db),
                    try TalkStore.clear(personID: sam, leefgebied: "werk", at: ContractSeed.at(minutes: 4), in: db),
                    try TalkStore.clear(personID: sam, leefgebied: "wonen", at: ContractSeed.at(minutes: 4), in: db)
                )
            }
            #expect(cleared == (true, false, false))
            #expect(try database.read { db in try TalkStore.open(personID: sam, in: db) }.map(\.leefgebied) == ["geld"])
            // Kim's mark is her own.
            #expect(try database.read { db in try TalkStore.open(personID: kim, in: db) }.map(\.leefgebied) == ["wonen"])
            // Marked again after it was discussed: open again, from the new moment.
            try database.write { db in try TalkStore.mark(personID: sam, leefgebied: "werk", at: ContractSeed.at(minutes: 5), in: db)
            }
            #expect(
                try database.read { db in try TalkStore.open(personID: sam, in: db) } == [
                    .init(leefgebied: "geld", markedAt: ContractSeed.at(minutes: 1)),
                    .init(leefgebied: "werk", markedAt: ContractSeed.at(minutes: 5))
                ])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theCaseloadSeesOnlyItsOwnInwonersOpenMarks(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (anna, bert, sam, kim) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let bert = try ContractSeed.professional("bert@wijkteam.example", in: db)
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", professionalID: anna, in: db)
                let kim = try ContractSeed.inwoner(phone: "+31622222222", name: "Kim", professionalID: bert, in: db)
                try TalkStore.mark(personID: sam, leefgebied: "werk", at: ContractSeed.at(minutes: 1), in: db)
                try TalkStore.mark(personID: sam, leefgebied: "geld", at: ContractSeed.now, in: db)
                try TalkStore.mark(personID: sam, leefgebied: "wonen", at: ContractSeed.now, in: db)
                _ = try TalkStore.clear(personID: sam, leefgebied: "wonen", at: ContractSeed.at(minutes: 2), in: db)
                try TalkStore.mark(personID: kim, leefgebied: "gevoel", at: ContractSeed.now, in: db)
                return (anna, bert, sam, kim)
            }
            let (annas, berts) = try database.read { db in
                (try TalkStore.open(professionalID: anna, in: db), try TalkStore.open(professionalID: bert, in: db))
            }
            #expect(annas == [sam: ["geld", "werk"]])
            #expect(berts == [kim: ["gevoel"]])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theExportHasTheMarksAndAnErasureTakesThem(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, kim) = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let kim = try ContractSeed.inwoner(phone: "+31622222222", name: "Kim", in: db)
                try TalkStore.mark(personID: sam, leefgebied: "werk", at: ContractSeed.now, in: db)
                try TalkStore.mark(personID: sam, leefgebied: "geld", at: ContractSeed.now, in: db)
                _ = try TalkStore.clear(personID: sam, leefgebied: "geld", at: ContractSeed.at(minutes: 1), in: db)
                try TalkStore.mark(personID: kim, leefgebied: "wonen", at: ContractSeed.now, in: db)
                return (sam, kim)
            }
            let talk = try #require(try StoreContractIntakeTests.export(sam, database)["talk"] as? [[String: Any]])
            #expect(talk.map { $0["leefgebied"] as? String } == ["werk", "geld"])
            #expect(talk[0]["clearedAt"] is NSNull)
            #expect(talk[1]["clearedAt"] is String)
            try database.write { db in try Erasure.erase(personID: sam, at: ContractSeed.at(minutes: 2), in: db) }
            try database.read { db throws in
                #expect(try TalkStore.open(personID: sam, in: db).isEmpty)
                #expect(try backend.tables(containing: "werk", in: db).isEmpty)
                #expect(try TalkStore.open(personID: kim, in: db).map(\.leefgebied) == ["wonen"])
            }
        }
    }
}
