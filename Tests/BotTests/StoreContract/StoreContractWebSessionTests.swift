import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The professionals who log in (`ProfessionalStore`) and their sessions (`WebSessionStore`).
struct StoreContractWebSessionTests {
    static let hour: TimeInterval = 3_600

    @Test(arguments: StoreBackend.allCases)
    func aSessionIsFoundByItsTokenUntilItExpires(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (anna, token) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", admin: true, in: db)
                return (anna, try WebSessionStore.create(professionalID: anna, lifetime: 8 * Self.hour, at: ContractSeed.now, in: db))
            }
            try database.read { db throws in
                let session = try #require(try WebSessionStore.find(token: token, at: ContractSeed.now, in: db))
                #expect(session.professional == ProfessionalStore.Professional(id: anna, email: "anna@wijkteam.example", isAdmin: true))
                #expect(session.csrfToken.count >= 32 && session.csrfToken != token)
                #expect(
                    try WebSessionStore.find(token: token, at: ContractSeed.now.addingTimeInterval(8 * Self.hour - 1), in: db)?.csrfToken
                        == session.csrfToken)
                #expect(try WebSessionStore.find(token: token, at: ContractSeed.now.addingTimeInterval(8 * Self.hour), in: db) == nil)
                #expect(try WebSessionStore.find(token: token + "x", at: ContractSeed.now, in: db) == nil)
                #expect(try WebSessionStore.find(token: "", at: ContractSeed.now, in: db) == nil)
                // The store keeps only a hash: a copy of it does not let anyone log in.
                #expect(try backend.tables(containing: token, in: db).isEmpty)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func sessionsAreEachTheirOwnAndADeletedOneIsGone(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (anna, bert, first, second, berts) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let bert = try ContractSeed.professional("bert@wijkteam.example", in: db)
                return (
                    anna, bert, try WebSessionStore.create(professionalID: anna, lifetime: Self.hour, at: ContractSeed.now, in: db),
                    try WebSessionStore.create(professionalID: anna, lifetime: Self.hour, at: ContractSeed.now, in: db),
                    try WebSessionStore.create(professionalID: bert, lifetime: Self.hour, at: ContractSeed.now, in: db)
                )
            }
            #expect(Set([first, second, berts]).count == 3)
            try database.read { db throws in
                let one = try #require(try WebSessionStore.find(token: first, at: ContractSeed.now, in: db))
                let two = try #require(try WebSessionStore.find(token: second, at: ContractSeed.now, in: db))
                #expect(one.professional.id == anna && two.professional.id == anna && one.csrfToken != two.csrfToken)
                #expect(try WebSessionStore.find(token: berts, at: ContractSeed.now, in: db)?.professional.id == bert)
            }
            try database.write { db in
                try WebSessionStore.delete(token: first, in: db)
                try WebSessionStore.delete(token: first, in: db)
                try WebSessionStore.delete(token: "unknown", in: db)
            }
            try database.read { db throws in
                #expect(try WebSessionStore.find(token: first, at: ContractSeed.now, in: db) == nil)
                #expect(try WebSessionStore.find(token: second, at: ContractSeed.now, in: db) != nil)
                #expect(try WebSessionStore.find(token: berts, at: ContractSeed.now, in: db) != nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aNewSessionClearsTheExpiredOnesAndLeavesTheLiveOnes(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (short, long) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                return (
                    try WebSessionStore.create(professionalID: anna, lifetime: Self.hour, at: ContractSeed.now, in: db),
                    try WebSessionStore.create(professionalID: anna, lifetime: 3 * Self.hour, at: ContractSeed.now, in: db)
                )
            }
            let later = ContractSeed.now.addingTimeInterval(2 * Self.hour)
            let fresh = try database.write { db in
                try WebSessionStore.create(
                    professionalID: try #require(try ProfessionalStore.find(email: "anna@wijkteam.example", in: db)).id,
                    lifetime: Self.hour, at: later, in: db)
            }
            try database.read { db throws in
                // Even read at an earlier moment, the expired session is gone.
                #expect(try WebSessionStore.find(token: short, at: ContractSeed.now, in: db) == nil)
                #expect(try WebSessionStore.find(token: long, at: later, in: db) != nil)
                #expect(try WebSessionStore.find(token: fresh, at: later, in: db) != nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aProfessionalIsAddedOncePerAddressIgnoringCase(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let anna = try database.write { db in
                try ProfessionalStore.add(
                    email: "Anna@wijkteam.example", passwordHash: "$2b$hash", admin: false, at: ContractSeed.now, in: db)
            }
            #expect(throws: ProfessionalStore.AlreadyExists.self) {
                try database.write { db in
                    _ = try ProfessionalStore.add(
                        email: "anna@WIJKTEAM.example", passwordHash: "other", admin: true, at: ContractSeed.now, in: db)
                }
            }
            let bert = try database.write { db in
                try ProfessionalStore.add(
                    email: "bert@wijkteam.example", passwordHash: "$2b$bert", admin: true, at: ContractSeed.now, in: db)
            }
            try database.read { db throws in
                let (professional, hash) = try #require(try ProfessionalStore.credentials(email: "anna@wijkteam.example", in: db))
                #expect(professional == ProfessionalStore.Professional(id: anna, email: "Anna@wijkteam.example", isAdmin: false))
                #expect(hash == "$2b$hash")
                #expect(try ProfessionalStore.credentials(email: "nobody@wijkteam.example", in: db) == nil)
                #expect(try ProfessionalStore.find(email: "BERT@wijkteam.example", in: db)?.id == bert)
                #expect(try ProfessionalStore.find(email: "bert@wijkteam.example", in: db)?.isAdmin == true)
                #expect(try ProfessionalStore.all(in: db).map(\.id) == [anna, bert])
                #expect(try ProfessionalStore.exists(id: anna, in: db))
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyAnInwonerIsAssignedToACaseload(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (anna, bert, sam, ans) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let bert = try ContractSeed.professional("bert@wijkteam.example", in: db)
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let ans = try #require(
                    try ContractSeed.member(of: sam, name: "Ans", phone: "+31622222222", invitation: .accepted, in: db).personID)
                try ProfessionalStore.assign(personID: sam, to: anna, in: db)
                try ProfessionalStore.assign(personID: ans, to: anna, in: db)
                return (anna, bert, sam, ans)
            }
            try database.read { db throws in
                #expect(try CaseloadStore.isOnCaseload(personID: sam, professionalID: anna, in: db))
                #expect(try !CaseloadStore.isOnCaseload(personID: ans, professionalID: anna, in: db))
                #expect(try ProfessionalStore.accounts(in: db).map(\.caseload) == [1, 0])
            }
            // Assigned again: to the other caseload only.
            try database.write { db in try ProfessionalStore.assign(personID: sam, to: bert, in: db) }
            try database.read { db throws in
                #expect(try !CaseloadStore.isOnCaseload(personID: sam, professionalID: anna, in: db))
                #expect(try CaseloadStore.isOnCaseload(personID: sam, professionalID: bert, in: db))
            }
        }
    }
}
