@testable import Bot
import Dialog
import Foundation
import GRDB
import Testing

/// The caseload's operations (`CaseloadStore`, and the professionals' in `ProfessionalStore`),
/// each through the operation alone.
struct StoreContractCaseloadTests {
    /// Anna's caseload: Fatima (everything counted once) and an inwoner without a name; Bert's: one
    /// inwoner; and two inwoners on nobody's caseload.
    struct World {
        var anna: Int64, bert: Int64
        var fatima: Int64, nameless: Int64, bertsInwoner: Int64, unassigned: Int64, waitingLongest: Int64
        var member: Int64, carer: Int64
    }

    static func world(_ database: AppDatabase) throws -> World {
        try database.writer.write { db in
            let anna = try StoreSeed.professional("Anna@wijkteam.example", in: db)
            let bert = try StoreSeed.professional("bert@wijkteam.example", admin: true, in: db)
            let fatima = try StoreSeed.person(phone: "+31611111111", name: "Fatima", professionalID: anna, in: db)
            let nameless = try StoreSeed.person(phone: "+31622222222", professionalID: anna, optedOut: true, in: db)
            let bertsInwoner = try StoreSeed.person(phone: "+31633333333", name: "Bart", professionalID: bert, in: db)
            let unassigned = try StoreSeed.person(phone: "+31644444444", name: "Dirk", at: StoreSeed.at(minutes: 10), in: db)
            let waitingLongest = try StoreSeed.person(phone: "+31655555555", at: StoreSeed.at(minutes: -10), in: db)
            let member = try StoreSeed.person("netwerk", phone: "+31666666666", name: "Ans", in: db)
            let carer = try StoreSeed.person("mantelzorger", phone: "+31677777777", name: "Mo", in: db)
            try StoreSeed.member(of: fatima, name: "Ans", invitation: "accepted", personID: member, in: db)
            try StoreSeed.carer(of: fatima, personID: carer, in: db)

            try db.execute(sql: "INSERT INTO moduleProgress (personId, module, startedAt, completedAt) VALUES (?, 'm1', ?, ?), (?, 'm2', ?, NULL)",
                           arguments: [fatima, StoreSeed.now, StoreSeed.now, fatima, StoreSeed.now])
            try StoreSeed.message(fatima, "in", "hoi", at: StoreSeed.at(minutes: 1), in: db)
            try StoreSeed.message(fatima, "in", "ja", at: StoreSeed.at(minutes: 2), in: db)
            try StoreSeed.message(fatima, "out", "Dank je", at: StoreSeed.at(minutes: 3), in: db)
            let goal = try StoreSeed.goal(fatima, in: db)
            try StoreSeed.action(fatima, goalID: goal, what: "bellen", due: "2026-11-22", in: db)
            try StoreSeed.action(fatima, goalID: goal, what: "mailen", status: "bezig", due: "2026-11-24", in: db)
            try StoreSeed.action(fatima, goalID: goal, what: "klaar", status: "gedaan", due: "2026-11-20", in: db)
            try StoreSeed.alert(fatima, in: db)
            try StoreSeed.alert(fatima, kind: "crisis", urgent: true, in: db)
            try StoreSeed.alert(fatima, handledAt: StoreSeed.now, in: db)
            try StoreSeed.alert(member, kind: "netwerk_gestopt", in: db)
            try StoreSeed.alert(carer, kind: "mantelzorg_overbelast", in: db)
            try StoreSeed.alert(bertsInwoner, in: db)
            return World(anna: anna, bert: bert, fatima: fatima, nameless: nameless, bertsInwoner: bertsInwoner, unassigned: unassigned,
                         waitingLongest: waitingLongest, member: member, carer: carer)
        }
    }

    @Test func entriesCountProgressContactActionsAndAlertsOfTheProfessionalsInwonersOnly() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let today = LocalDate(year: 2026, month: 11, day: 23)
        let entries = try database.reader.read { db in try CaseloadStore.entries(professionalID: world.anna, today: today, in: db) }
        #expect(Set(entries.map(\.id)) == [world.fatima, world.nameless])
        let fatima = try #require(entries.first { $0.id == world.fatima })
        #expect(fatima == CaseloadStore.Entry(id: world.fatima, name: "Fatima", phone: "+31611111111", optedOut: false, modulesDone: 1,
                                              currentModule: "m2", lastContact: StoreSeed.at(minutes: 2), open: 2, overdue: 1,
                                              alerts: 4, urgent: 1))
        let nameless = try #require(entries.first { $0.id == world.nameless })
        #expect(nameless == CaseloadStore.Entry(id: world.nameless, name: "", phone: "+31622222222", optedOut: true, modulesDone: 0,
                                                currentModule: nil, lastContact: nil, open: 0, overdue: 0, alerts: 0, urgent: 0))
        // The day decides what is overdue.
        let later = try database.reader.read { db in
            try CaseloadStore.entries(professionalID: world.anna, today: LocalDate(year: 2026, month: 11, day: 25), in: db)
        }
        #expect(later.first { $0.id == world.fatima }?.overdue == 2)
    }

    @Test func onlyTheProfessionalsOwnInwonersAreOnTheirCaseload() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        try database.reader.read { db throws in
            #expect(try CaseloadStore.isOnCaseload(personID: world.fatima, professionalID: world.anna, in: db))
            #expect(try !CaseloadStore.isOnCaseload(personID: world.fatima, professionalID: world.bert, in: db))
            #expect(try !CaseloadStore.isOnCaseload(personID: world.unassigned, professionalID: world.anna, in: db))
            #expect(try !CaseloadStore.isOnCaseload(personID: 999, professionalID: world.anna, in: db))
        }
    }

    @Test func unassignedInwonersComeLongestWaitingFirstUpToTheLimit() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (all, first) = try database.reader.read { db in
            (try CaseloadStore.unassigned(limit: 500, in: db), try CaseloadStore.unassigned(limit: 1, in: db))
        }
        #expect(all == [
            CaseloadStore.Unassigned(id: world.waitingLongest, name: "", phone: "+31655555555", createdAt: StoreSeed.at(minutes: -10)),
            CaseloadStore.Unassigned(id: world.unassigned, name: "Dirk", phone: "+31644444444", createdAt: StoreSeed.at(minutes: 10)),
        ])
        #expect(first.map(\.id) == [world.waitingLongest])
        try database.reader.read { db throws in
            #expect(try CaseloadStore.isUnassigned(personID: world.unassigned, in: db))
            #expect(try !CaseloadStore.isUnassigned(personID: world.fatima, in: db))
            #expect(try !CaseloadStore.isUnassigned(personID: world.member, in: db))
            #expect(try !CaseloadStore.isUnassigned(personID: 999, in: db))
        }
    }

    @Test func professionalsExistAndAreListedByAddressWithTheirCaseload() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let accounts = try database.reader.read { db in try ProfessionalStore.accounts(in: db) }
        #expect(accounts == [
            ProfessionalStore.Account(professional: .init(id: world.anna, email: "Anna@wijkteam.example", isAdmin: false), caseload: 2),
            ProfessionalStore.Account(professional: .init(id: world.bert, email: "bert@wijkteam.example", isAdmin: true), caseload: 1),
        ])
        try database.reader.read { db throws in
            #expect(try ProfessionalStore.exists(id: world.bert, in: db))
            #expect(try !ProfessionalStore.exists(id: 999, in: db))
        }
    }
}
