import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The inwoner's own login: codes (`LoginCodeStore`), one-time links (`LoginLinkStore`) and
/// sessions (`InwonerSessionStore`). Only hashes are stored, and all of it goes on erasure.
struct StoreContractInwonerLoginTests {
    @Test(arguments: StoreBackend.allCases)
    func aCodeWorksOnceWithinTenMinutesAndFiveGuesses(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let code = try LoginCodeStore.issue(personID: sam, at: ContractSeed.now, in: db)
                #expect(code.count == 6 && code.allSatisfy(\.isNumber))
                #expect(try backend.tables(containing: code, in: db).isEmpty)
                #expect(try LoginCodeStore.check(code, personID: sam, at: ContractSeed.at(minutes: 9.9), in: db) == .valid)
                #expect(try LoginCodeStore.check(code, personID: sam, at: ContractSeed.at(minutes: 9.9), in: db) == .none)
                // A new code replaces the old; five wrong guesses use it up.
                let first = try LoginCodeStore.issue(personID: sam, at: ContractSeed.now, in: db)
                let second = try LoginCodeStore.issue(personID: sam, at: ContractSeed.now, in: db)
                if first != second {
                    #expect(try LoginCodeStore.check(first, personID: sam, at: ContractSeed.now, in: db) == .wrong(left: 4))
                }
                let wrong = second == "000000" ? "000001" : "000000"
                var answers: [LoginCodeStore.Check] = []
                while answers.count < 5 { answers.append(try LoginCodeStore.check(wrong, personID: sam, at: ContractSeed.now, in: db)) }
                #expect(answers.last == LoginCodeStore.Check.none)
                #expect(try LoginCodeStore.check(second, personID: sam, at: ContractSeed.now, in: db) == .none)
                // Ten minutes on, a code is gone.
                let late = try LoginCodeStore.issue(personID: sam, at: ContractSeed.now, in: db)
                #expect(try LoginCodeStore.check(late, personID: sam, at: ContractSeed.at(minutes: 10), in: db) == .none)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aLinkIsUsedOnceWithinADay(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", professionalID: anna, in: db)
                let link = try LoginLinkStore.create(personID: sam, professionalID: anna, at: ContractSeed.now, in: db)
                #expect(try backend.tables(containing: link, in: db).isEmpty)
                #expect(try LoginLinkStore.isValid(link, at: ContractSeed.at(minutes: 60), in: db))
                #expect(try LoginLinkStore.use(link, at: ContractSeed.at(minutes: 60), in: db) == sam)
                #expect(try LoginLinkStore.use(link, at: ContractSeed.at(minutes: 61), in: db) == nil)
                let old = try LoginLinkStore.create(personID: sam, professionalID: anna, at: ContractSeed.now, in: db)
                #expect(try !LoginLinkStore.isValid(old, at: ContractSeed.at(minutes: 24 * 60), in: db))
                #expect(try LoginLinkStore.use(old, at: ContractSeed.at(minutes: 24 * 60), in: db) == nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aSessionNamesOnePersonAndEndsWhenIdleOrErased(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let kim = try ContractSeed.inwoner(phone: "+31622222222", name: "Kim", in: db)
                let token = try InwonerSessionStore.create(personID: sam, at: ContractSeed.now, in: db)
                let other = try InwonerSessionStore.create(personID: kim, at: ContractSeed.now, in: db)
                #expect(try backend.tables(containing: token, in: db).isEmpty)
                let session = try #require(try InwonerSessionStore.touch(token: token, at: ContractSeed.at(minutes: 20), in: db))
                #expect(session.personID == sam && session.csrfToken.count >= 32)
                #expect(try InwonerSessionStore.touch(token: other, at: ContractSeed.at(minutes: 20), in: db)?.personID == kim)
                #expect(try InwonerSessionStore.touch(token: token, at: ContractSeed.at(minutes: 49), in: db) != nil)
                #expect(try InwonerSessionStore.touch(token: token, at: ContractSeed.at(minutes: 80), in: db) == nil)
                let again = try InwonerSessionStore.create(personID: kim, at: ContractSeed.at(minutes: 30), in: db)
                _ = try LoginCodeStore.issue(personID: kim, at: ContractSeed.at(minutes: 30), in: db)
                try Erasure.erase(personID: kim, at: ContractSeed.at(minutes: 31), in: db)
                #expect(try InwonerSessionStore.touch(token: again, at: ContractSeed.at(minutes: 31), in: db) == nil)
                #expect(try LoginCodeStore.check("123456", personID: kim, at: ContractSeed.at(minutes: 31), in: db) == .none)
                try InwonerSessionStore.delete(token: token, in: db)
            }
        }
    }
}
