@testable import Bot
import Foundation
import GRDB
import Testing

/// The alert lists and handling (`AlertStore`), each through the operation alone.
struct StoreContractAlertTests {
    struct World {
        var anna: Int64, bert: Int64
        var fatima: Int64, member: Int64, bertsInwoner: Int64
        var old: Int64, crisis: Int64, fromMember: Int64, handledFirst: Int64, handledLast: Int64, bertsAlert: Int64
    }

    static func world(_ database: AppDatabase) throws -> World {
        try database.writer.write { db in
            let anna = try StoreSeed.professional("anna@wijkteam.example", in: db)
            let bert = try StoreSeed.professional("bert@wijkteam.example", in: db)
            let fatima = try StoreSeed.person(phone: "+31611111111", name: "Fatima", professionalID: anna, in: db)
            let member = try StoreSeed.person("netwerk", phone: "+31666666666", name: "Ans", in: db)
            try StoreSeed.member(of: fatima, name: "Ans", personID: member, in: db)
            let bertsInwoner = try StoreSeed.person(phone: "+31633333333", professionalID: bert, in: db)
            let old = try StoreSeed.alert(fatima, kind: "contact", at: StoreSeed.at(minutes: 1), in: db)
            let fromMember = try StoreSeed.alert(member, kind: "netwerk_gestopt", at: StoreSeed.at(minutes: 2), in: db)
            let crisis = try StoreSeed.alert(fatima, kind: "crisis", urgent: true, at: StoreSeed.at(minutes: 3), in: db)
            let handledFirst = try StoreSeed.alert(fatima, at: StoreSeed.at(minutes: 4), handledAt: StoreSeed.at(minutes: 10), in: db)
            let handledLast = try StoreSeed.alert(fatima, at: StoreSeed.at(minutes: 5), handledAt: StoreSeed.at(minutes: 20), in: db)
            let bertsAlert = try StoreSeed.alert(bertsInwoner, kind: "stuck_question", in: db)
            return World(anna: anna, bert: bert, fatima: fatima, member: member, bertsInwoner: bertsInwoner, old: old, crisis: crisis,
                         fromMember: fromMember, handledFirst: handledFirst, handledLast: handledLast, bertsAlert: bertsAlert)
        }
    }

    @Test func openAlertsOfACaseloadComeUrgentFirstThenOldestWithTheInwonerTheyAreAbout() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (open, limited) = try database.reader.read { db in
            (try AlertStore.open(professionalID: world.anna, limit: 500, in: db), try AlertStore.open(professionalID: world.anna, limit: 2, in: db))
        }
        #expect(open.map(\.id) == [world.crisis, world.old, world.fromMember])
        #expect(limited.map(\.id) == [world.crisis, world.old])
        #expect(open.allSatisfy { $0.inwonerID == world.fatima && $0.inwonerName == "Fatima" && $0.handledAt == nil })
        let fromMember = try #require(open.last)
        #expect(fromMember == AlertStore.Listed(id: world.fromMember, kind: "netwerk_gestopt", node: nil, detail: "d", urgent: false,
                                                createdAt: StoreSeed.at(minutes: 2), handledAt: nil, note: nil, inwonerID: world.fatima,
                                                inwonerName: "Fatima", role: "netwerk", aboutName: "Ans"))
        #expect(open.first?.urgent == true && open.first?.role == "inwoner")
    }

    @Test func openAlertsOfOneInwonerAndOfEveryone() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (fatimas, berts, everyone) = try database.reader.read { db in
            (try AlertStore.open(inwonerID: world.fatima, limit: 500, in: db), try AlertStore.open(inwonerID: world.bertsInwoner, limit: 500, in: db),
             try AlertStore.open(limit: 500, in: db))
        }
        #expect(fatimas.map(\.id) == [world.crisis, world.old, world.fromMember])
        #expect(berts.map(\.id) == [world.bertsAlert])
        #expect(everyone.map(\.id) == [world.crisis, world.bertsAlert, world.old, world.fromMember])
    }

    @Test func handledAlertsComeMostRecentlyHandledFirst() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let (handled, limited, berts) = try database.reader.read { db in
            (try AlertStore.handled(professionalID: world.anna, limit: 20, in: db), try AlertStore.handled(professionalID: world.anna, limit: 1, in: db),
             try AlertStore.handled(professionalID: world.bert, limit: 20, in: db))
        }
        #expect(handled.map(\.id) == [world.handledLast, world.handledFirst])
        #expect(handled.first?.handledAt == StoreSeed.at(minutes: 20))
        #expect(limited.map(\.id) == [world.handledLast])
        #expect(berts.isEmpty)
    }

    @Test func theOwnerIsTheInwonerOnTheProfessionalsCaseloadOnly() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        try database.reader.read { db throws in
            #expect(try AlertStore.owner(alertID: world.fromMember, professionalID: world.anna, in: db) == world.fatima)
            #expect(try AlertStore.owner(alertID: world.crisis, professionalID: world.anna, in: db) == world.fatima)
            #expect(try AlertStore.owner(alertID: world.crisis, professionalID: world.bert, in: db) == nil)
            #expect(try AlertStore.owner(alertID: 999, professionalID: world.anna, in: db) == nil)
        }
    }

    @Test func onlyTheFirstHandlingCounts() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        try database.writer.write { db in
            try AlertStore.markHandled(alertID: world.old, note: "gebeld", at: StoreSeed.at(minutes: 30), in: db)
            try AlertStore.markHandled(alertID: world.old, note: "nog eens", at: StoreSeed.at(minutes: 40), in: db)
        }
        let (open, handled) = try database.reader.read { db in
            (try AlertStore.open(professionalID: world.anna, limit: 500, in: db), try AlertStore.handled(professionalID: world.anna, limit: 20, in: db))
        }
        #expect(!open.map(\.id).contains(world.old))
        let done = try #require(handled.first)
        #expect(done.id == world.old)
        #expect(done.note == "gebeld")
        #expect(done.handledAt == StoreSeed.at(minutes: 30))
    }

    @Test func allOpenAlertsNameThePersonTheyWereRaisedFor() throws {
        let database = try AppDatabase.inMemory()
        let world = try Self.world(database)
        let open = try database.reader.read { db in try AlertStore.allOpen(in: db) }
        #expect(open.map(\.id) == [world.crisis, world.bertsAlert, world.old, world.fromMember])
        #expect(open.first == AlertStore.Open(id: world.crisis, createdAt: StoreSeed.at(minutes: 3), kind: "crisis", node: nil, detail: "d",
                                              urgent: true, phone: "+31611111111", name: "Fatima"))
        #expect(open.last?.name == "Ans")
        #expect(open[1].name == nil && open[1].phone == "+31633333333")
    }
}
