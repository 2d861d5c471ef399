import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Alerts for the professionals (`AlertStore`): raised, listed per caseload, inwoner and
/// deployment, counted, and handled once.
struct StoreContractAlertTests {
    struct World {
        var anna: Int64, bert: Int64
        var fatima: Int64, member: Int64, bertsInwoner: Int64
        var old: Int64, crisis: Int64, fromMember: Int64, handledFirst: Int64, handledLast: Int64, bertsAlert: Int64
    }

    /// Anna's inwoner Fatima with her network member Ans (a person we write to), Bert's inwoner; open
    /// alerts about each, an urgent one among them, and two of Fatima's handled.
    static func world(_ database: AppDatabase) throws -> World {
        try database.write { db in
            let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
            let bert = try ContractSeed.professional("bert@wijkteam.example", in: db)
            let fatima = try ContractSeed.inwoner(phone: "+31611111111", name: "Fatima", professionalID: anna, in: db)
            let member = try #require(
                try ContractSeed.member(of: fatima, name: "Ans", phone: "+31666666666", invitation: .accepted, in: db).personID)
            let bertsInwoner = try ContractSeed.inwoner(phone: "+31633333333", professionalID: bert, in: db)
            let old = try ContractSeed.alert(fatima, kind: "contact", at: ContractSeed.at(minutes: 1), in: db)
            let fromMember = try ContractSeed.alert(member, kind: "netwerk_gestopt", at: ContractSeed.at(minutes: 2), in: db)
            let crisis = try ContractSeed.alert(fatima, kind: "crisis", urgent: true, at: ContractSeed.at(minutes: 3), in: db)
            let handledFirst = try ContractSeed.alert(
                fatima, at: ContractSeed.at(minutes: 4), handledAt: ContractSeed.at(minutes: 10), in: db)
            let handledLast = try ContractSeed.alert(
                fatima, at: ContractSeed.at(minutes: 5), handledAt: ContractSeed.at(minutes: 20), in: db)
            let bertsAlert = try ContractSeed.alert(bertsInwoner, kind: "stuck_question", in: db)
            return World(
                anna: anna, bert: bert, fatima: fatima, member: member, bertsInwoner: bertsInwoner, old: old, crisis: crisis,
                fromMember: fromMember, handledFirst: handledFirst, handledLast: handledLast, bertsAlert: bertsAlert)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func openAlertsOfACaseloadComeUrgentFirstThenOldestWithTheInwonerTheyAreAbout(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (open, limited) = try database.read { db in
                (
                    try AlertStore.open(professionalID: world.anna, limit: 500, in: db),
                    try AlertStore.open(professionalID: world.anna, limit: 2, in: db)
                )
            }
            #expect(open.map(\.id) == [world.crisis, world.old, world.fromMember])
            #expect(limited.map(\.id) == [world.crisis, world.old])
            #expect(open.allSatisfy { $0.inwonerID == world.fatima && $0.inwonerName == "Fatima" && $0.handledAt == nil })
            let fromMember = try #require(open.last)
            #expect(
                fromMember
                    == AlertStore.Listed(
                        id: world.fromMember, kind: "netwerk_gestopt", node: nil, detail: "d", urgent: false,
                        createdAt: ContractSeed.at(minutes: 2), handledAt: nil, note: nil, inwonerID: world.fatima,
                        inwonerName: "Fatima", role: "netwerk", aboutName: "Ans"))
            #expect(open.first?.urgent == true && open.first?.role == "inwoner")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func openAlertsOfOneInwonerAndOfEveryone(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (fatimas, berts, everyone) = try database.read { db in
                (
                    try AlertStore.open(inwonerID: world.fatima, limit: 500, in: db),
                    try AlertStore.open(inwonerID: world.bertsInwoner, limit: 500, in: db),
                    try AlertStore.open(limit: 500, in: db)
                )
            }
            #expect(fatimas.map(\.id) == [world.crisis, world.old, world.fromMember])
            #expect(berts.map(\.id) == [world.bertsAlert])
            #expect(everyone.map(\.id) == [world.crisis, world.bertsAlert, world.old, world.fromMember])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func handledAlertsComeMostRecentlyHandledFirst(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let (handled, limited, berts) = try database.read { db in
                (
                    try AlertStore.handled(professionalID: world.anna, limit: 20, in: db),
                    try AlertStore.handled(professionalID: world.anna, limit: 1, in: db),
                    try AlertStore.handled(professionalID: world.bert, limit: 20, in: db)
                )
            }
            #expect(handled.map(\.id) == [world.handledLast, world.handledFirst])
            #expect(handled.first?.handledAt == ContractSeed.at(minutes: 20))
            #expect(limited.map(\.id) == [world.handledLast])
            #expect(berts.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theOwnerIsTheInwonerOnTheProfessionalsCaseloadOnly(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try database.read { db throws in
                #expect(try AlertStore.owner(alertID: world.fromMember, professionalID: world.anna, in: db) == world.fatima)
                #expect(try AlertStore.owner(alertID: world.crisis, professionalID: world.anna, in: db) == world.fatima)
                #expect(try AlertStore.owner(alertID: world.crisis, professionalID: world.bert, in: db) == nil)
                #expect(try AlertStore.owner(alertID: 999, professionalID: world.anna, in: db) == nil)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyTheFirstHandlingCounts(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            try database.write { db in
                try AlertStore.markHandled(alertID: world.old, note: "gebeld", at: ContractSeed.at(minutes: 30), in: db)
                try AlertStore.markHandled(alertID: world.old, note: "nog eens", at: ContractSeed.at(minutes: 40), in: db)
            }
            let (open, handled) = try database.read { db in
                (
                    try AlertStore.open(professionalID: world.anna, limit: 500, in: db),
                    try AlertStore.handled(professionalID: world.anna, limit: 20, in: db)
                )
            }
            #expect(!open.map(\.id).contains(world.old))
            let done = try #require(handled.first)
            #expect(done.id == world.old)
            #expect(done.note == "gebeld")
            #expect(done.handledAt == ContractSeed.at(minutes: 30))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func allOpenAlertsNameThePersonTheyWereRaisedFor(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let world = try Self.world(database)
            let open = try database.read { db in try AlertStore.allOpen(in: db) }
            #expect(open.map(\.id) == [world.crisis, world.bertsAlert, world.old, world.fromMember])
            #expect(
                open.first
                    == AlertStore.Open(
                        id: world.crisis, createdAt: ContractSeed.at(minutes: 3), kind: "crisis", node: nil, detail: "d",
                        urgent: true, phone: "+31611111111", name: "Fatima"))
            #expect(open.last?.name == "Ans")
            let berts = try #require(open.dropFirst().first)
            #expect(berts.name == nil && berts.phone == "+31633333333")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func whatWaitsCountsOpenAlertsAndTheOldestUrgentOne(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            #expect(try database.read(AlertStore.waiting) == AlertStore.Waiting(all: 0, urgent: 0, oldestUrgent: nil))
            let world = try Self.world(database)
            #expect(
                try database.read(AlertStore.waiting)
                    == AlertStore.Waiting(all: 4, urgent: 1, oldestUrgent: ContractSeed.at(minutes: 3)))
            try database.write { db in
                try AlertStore.add(
                    personID: world.fatima, kind: "crisis", node: "m1_cijfer", detail: "later", urgent: true,
                    at: ContractSeed.at(minutes: 50), in: db)
            }
            #expect(
                try database.read(AlertStore.waiting)
                    == AlertStore.Waiting(all: 5, urgent: 2, oldestUrgent: ContractSeed.at(minutes: 3)))
            try database.write { db in
                try AlertStore.markHandled(alertID: world.crisis, note: nil, at: ContractSeed.at(minutes: 60), in: db)
            }
            #expect(
                try database.read(AlertStore.waiting)
                    == AlertStore.Waiting(all: 4, urgent: 1, oldestUrgent: ContractSeed.at(minutes: 50)))
            // What `add` stored is listed as it was given.
            let added = try #require(
                try database.read { db in try AlertStore.open(inwonerID: world.fatima, limit: 1, in: db) }.first)
            #expect(added.kind == "crisis" && added.node == "m1_cijfer" && added.detail == "later" && added.urgent)
            #expect(added.createdAt == ContractSeed.at(minutes: 50))
        }
    }
}
