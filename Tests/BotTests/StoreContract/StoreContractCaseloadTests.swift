import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The caseload (`CaseloadStore`) and the professionals with the size of theirs (`ProfessionalStore.accounts`).
struct StoreContractCaseloadTests {
    /// Anna's caseload: Fatima (everything counted once) and an inwoner without a name; Bert's: one
    /// inwoner; and two inwoners on nobody's caseload.
    struct World {
        var anna: Int64, bert: Int64
        var fatima: Int64, nameless: Int64, bertsInwoner: Int64, unassigned: Int64, waitingLongest: Int64
        var member: Int64, carer: Int64
    }

    static func world(_ database: AppDatabase) throws -> World {
        try database.write { db in
            let anna = try ContractSeed.professional("Anna@wijkteam.example", in: db)
            let bert = try ContractSeed.professional("bert@wijkteam.example", admin: true, in: db)
            let fatima = try ContractSeed.inwoner(phone: "+31611111111", name: "Fatima", professionalID: anna, in: db)
            let nameless = try ContractSeed.inwoner(phone: "+31622222222", professionalID: anna, optedOut: true, in: db)
            let bertsInwoner = try ContractSeed.inwoner(phone: "+31633333333", name: "Bart", professionalID: bert, in: db)
            let unassigned = try ContractSeed.inwoner(phone: "+31644444444", name: "Dirk", at: ContractSeed.at(minutes: 10), in: db)
            let waitingLongest = try ContractSeed.inwoner(phone: "+31655555555", at: ContractSeed.at(minutes: -10), in: db)
            let member = try #require(
                try ContractSeed.member(of: fatima, name: "Ans", phone: "+31666666666", invitation: .accepted, in: db).personID)
            let carer = try ContractSeed.carer(of: fatima, phone: "+31677777777", in: db).personID

            try ModuleProgressStore.started("m1", personID: fatima, at: ContractSeed.now, in: db)
            try ModuleProgressStore.completed("m1", personID: fatima, at: ContractSeed.now, in: db)
            try ModuleProgressStore.started("m2", personID: fatima, at: ContractSeed.now, in: db)
            try ContractSeed.inbound(fatima, "hoi", at: ContractSeed.at(minutes: 1), in: db)
            try ContractSeed.inbound(fatima, "ja", at: ContractSeed.at(minutes: 2), in: db)
            try ContractSeed.outbound(fatima, "Dank je", at: ContractSeed.at(minutes: 3), in: db)
            let goal = try ContractSeed.goal(fatima, in: db)
            try ContractSeed.action(fatima, goalID: goal, what: "bellen", due: "2026-11-22", in: db)
            try ContractSeed.action(fatima, goalID: goal, what: "mailen", status: "bezig", due: "2026-11-24", in: db)
            try ContractSeed.action(fatima, goalID: goal, what: "klaar", status: "gedaan", due: "2026-11-20", in: db)
            try ContractSeed.alert(fatima, in: db)
            try ContractSeed.alert(fatima, kind: "crisis", urgent: true, in: db)
            try ContractSeed.alert(fatima, handledAt: ContractSeed.now, in: db)
            try ContractSeed.alert(member, kind: "netwerk_gestopt", in: db)
            try ContractSeed.alert(carer, kind: "mantelzorg_overbelast", in: db)
            try ContractSeed.alert(bertsInwoner, in: db)
            return World(
                anna: anna, bert: bert, fatima: fatima, nameless: nameless, bertsInwoner: bertsInwoner, unassigned: unassigned,
                waitingLongest: waitingLongest, member: member, carer: carer)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func entriesCountProgressContactActionsAndAlertsOfTheProfessionalsInwonersOnly(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let today = LocalDate(year: 2026, month: 11, day: 23)
            let entries = try database.read { db in try CaseloadStore.entries(professionalID: world.anna, today: today, in: db) }
            #expect(Set(entries.map(\.id)) == [world.fatima, world.nameless])
            let fatima = try #require(entries.first { $0.id == world.fatima })
            #expect(
                fatima
                    == CaseloadStore.Entry(
                        id: world.fatima, name: "Fatima", phone: "+31611111111", optedOut: false, modulesDone: 1,
                        currentModule: "m2", lastContact: ContractSeed.at(minutes: 2), open: 2, overdue: 1,
                        alerts: 4, urgent: 1))
            let nameless = try #require(entries.first { $0.id == world.nameless })
            #expect(
                nameless
                    == CaseloadStore.Entry(
                        id: world.nameless, name: "", phone: "+31622222222", optedOut: true, modulesDone: 0,
                        currentModule: nil, lastContact: nil, open: 0, overdue: 0, alerts: 0, urgent: 0))
            // The day decides what is overdue.
            let later = try database.read { db in
                try CaseloadStore.entries(professionalID: world.anna, today: LocalDate(year: 2026, month: 11, day: 25), in: db)
            }
            #expect(later.first { $0.id == world.fatima }?.overdue == 2)
            // An action due today is not overdue yet.
            let dueToday = try database.read { db in
                try CaseloadStore.entries(professionalID: world.anna, today: LocalDate(year: 2026, month: 11, day: 24), in: db)
            }
            #expect(dueToday.first { $0.id == world.fatima }?.overdue == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyTheProfessionalsOwnInwonersAreOnTheirCaseload(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try database.read { db throws in
                #expect(try CaseloadStore.isOnCaseload(personID: world.fatima, professionalID: world.anna, in: db))
                #expect(try !CaseloadStore.isOnCaseload(personID: world.fatima, professionalID: world.bert, in: db))
                #expect(try !CaseloadStore.isOnCaseload(personID: world.unassigned, professionalID: world.anna, in: db))
                #expect(try !CaseloadStore.isOnCaseload(personID: 999, professionalID: world.anna, in: db))
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func unassignedInwonersComeLongestWaitingFirstUpToTheLimit(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (all, first) = try database.read { db in
                (try CaseloadStore.unassigned(limit: 500, in: db), try CaseloadStore.unassigned(limit: 1, in: db))
            }
            #expect(
                all == [
                    CaseloadStore.Unassigned(
                        id: world.waitingLongest, name: "", phone: "+31655555555", createdAt: ContractSeed.at(minutes: -10)),
                    CaseloadStore.Unassigned(
                        id: world.unassigned, name: "Dirk", phone: "+31644444444", createdAt: ContractSeed.at(minutes: 10))
                ])
            #expect(first.map(\.id) == [world.waitingLongest])
            try database.read { db throws in
                #expect(try CaseloadStore.isUnassigned(personID: world.unassigned, in: db))
                #expect(try !CaseloadStore.isUnassigned(personID: world.fatima, in: db))
                #expect(try !CaseloadStore.isUnassigned(personID: world.member, in: db))
                #expect(try !CaseloadStore.isUnassigned(personID: 999, in: db))
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func professionalsExistAndAreListedByAddressWithTheirCaseload(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let accounts = try database.read { db in try ProfessionalStore.accounts(in: db) }
            #expect(
                accounts == [
                    ProfessionalStore.Account(
                        professional: .init(id: world.anna, email: "Anna@wijkteam.example", isAdmin: false), caseload: 2),
                    ProfessionalStore.Account(
                        professional: .init(id: world.bert, email: "bert@wijkteam.example", isAdmin: true), caseload: 1)
                ])
            try database.read { db throws in
                #expect(try ProfessionalStore.exists(id: world.bert, in: db))
                #expect(try !ProfessionalStore.exists(id: 999, in: db))
            }
        }
    }
}
