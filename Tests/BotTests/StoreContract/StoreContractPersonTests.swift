import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// People and how they are reached (`PersonStore`, its profile and routing).
struct StoreContractPersonTests {
    @Test(arguments: StoreBackend.allCases)
    func aSenderIsFoundByTheirAddressAndNotedWhenTheyLastWrote(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let later = ContractSeed.at(minutes: 60)
            let (first, again, other, telegram) = try database.write { db in
                (
                    try PersonStore.findOrCreate(
                        channel: "sms", address: "+31612345678", phone: "+31612345678", at: ContractSeed.now, in: db),
                    try PersonStore.findOrCreate(channel: "sms", address: "+31612345678", phone: "+31612345678", at: later, in: db),
                    try PersonStore.findOrCreate(
                        channel: "sms", address: "+31687654321", phone: "+31687654321", at: ContractSeed.now, in: db),
                    try PersonStore.findOrCreate(channel: "telegram", address: "4242", phone: nil, at: ContractSeed.now, in: db)
                )
            }
            #expect(first == again)
            #expect(Set([first, other, telegram]).count == 3)
            try database.read { db throws in
                #expect(try PersonStore.id(channel: "sms", address: "+31612345678", in: db) == first)
                #expect(try PersonStore.id(channel: "telegram", address: "4242", in: db) == telegram)
                #expect(try PersonStore.id(channel: "whatsapp", address: "31612345678", in: db) == nil)
                #expect(try PersonStore.id(phone: "+31612345678", in: db) == first)
                #expect(try PersonStore.id(phone: "+31600000000", in: db) == nil)
                // A new sender is an inwoner, without a name, created when they first wrote.
                #expect(try PersonStore.routing(personID: first, in: db)?.role == "inwoner")
                #expect(try PersonStore.profile(personID: first, in: db)?.createdAt == ContractSeed.now)
                #expect(try PersonStore.profile(personID: telegram, in: db)?.phone == nil)
            }
            // The second message is the last one: it is what the bewaartermijn counts from.
            let inactive = try database.read { db in
                try RetentionStore.stillInactive(personID: first, since: later.addingTimeInterval(1), in: db)
            }
            #expect(inactive?.lastActivity == later)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aPhoneBelongsToOnePersonOnEveryChannel(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sms, whatsapp) = try database.write { db in
                (
                    try PersonStore.findOrCreate(
                        channel: "sms", address: "+31612345678", phone: "+31612345678", at: ContractSeed.now, in: db),
                    try PersonStore.findOrCreate(
                        channel: "whatsapp", address: "31612345678", phone: "+31612345678", at: ContractSeed.at(minutes: 5), in: db)
                )
            }
            #expect(sms == whatsapp)
            try database.read { db throws in
                #expect(try PersonStore.id(channel: "whatsapp", address: "31612345678", in: db) == sms)
                // Written first: the channel they used last.
                #expect(try PersonStore.primaryContact(personID: sms, in: db).map { $0 == ("whatsapp", "31612345678") } == true)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anEnrolledInwonerHasTheirNameLanguageAndContact(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let id = try database.write { db in
                try PersonStore.enrol(
                    phone: "+31611111111", name: "Fatima", language: .en, channel: "whatsapp", address: "31611111111",
                    at: ContractSeed.now, in: db)
            }
            try database.read { db throws in
                #expect(
                    try PersonStore.profile(personID: id, in: db)
                        == PersonStore.Profile(
                            name: "Fatima", phone: "+31611111111", language: .en,
                            optedOut: false, createdAt: ContractSeed.now))
                #expect(try PersonStore.primaryContact(personID: id, in: db).map { $0 == ("whatsapp", "31611111111") } == true)
                #expect(try PersonStore.id(channel: "whatsapp", address: "31611111111", in: db) == id)
                #expect(try PersonStore.language(personID: id, in: db) == .en)
                #expect(try PersonStore.isInwoner(personID: id, in: db))
            }
            // Their first message finds them: no second person.
            let sender = try database.write { db in
                try PersonStore.findOrCreate(
                    channel: "whatsapp", address: "31611111111", phone: "+31611111111", at: ContractSeed.at(minutes: 1), in: db)
            }
            #expect(sender == id)
            // Enrolling the same phone again is refused.
            #expect(throws: (any Error).self) {
                try database.write { db in
                    _ = try PersonStore.enrol(
                        phone: "+31611111111", name: "Ander", language: .nl, channel: "sms", address: "+31611111111",
                        at: ContractSeed.now, in: db)
                }
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theProfileNameRoleAndOwnWindowOfAPerson(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (fatima, nameless, member) = try database.write { db in
                let fatima = try ContractSeed.inwoner(phone: "+31611111111", name: "Fatima", optedOut: true, in: db)
                try PersonStore.setLanguage(.en, personID: fatima, in: db)
                let nameless = try ContractSeed.inwoner(in: db)
                let member = try #require(
                    try ContractSeed.member(of: fatima, name: "Ans", phone: "+31622222222", invitation: .accepted, in: db).personID)
                return (fatima, nameless, member)
            }
            try database.read { db throws in
                #expect(
                    try PersonStore.profile(personID: fatima, in: db)
                        == PersonStore.Profile(
                            name: "Fatima", phone: "+31611111111", language: .en,
                            optedOut: true, createdAt: ContractSeed.now))
                #expect(
                    try PersonStore.profile(personID: nameless, in: db)
                        == PersonStore.Profile(
                            name: nil, phone: nil, language: .nl,
                            optedOut: false, createdAt: ContractSeed.now))
                #expect(try PersonStore.profile(personID: 999, in: db) == nil)
                #expect(try PersonStore.name(personID: fatima, in: db) == "Fatima")
                #expect(try PersonStore.name(personID: nameless, in: db) == nil)
                #expect(try PersonStore.name(personID: 999, in: db) == nil)
                #expect(try PersonStore.isInwoner(personID: fatima, in: db))
                #expect(try !PersonStore.isInwoner(personID: member, in: db))
                #expect(try !PersonStore.isInwoner(personID: 999, in: db))
                #expect(try PersonStore.language(personID: 999, in: db) == .nl)
            }
            let window = #"{"start": "10:00", "end": "18:00"}"#
            try database.write { db in try PersonStore.setSendWindow(window, personID: fatima, in: db) }
            #expect(try database.read { db in try PersonStore.sendWindow(personID: fatima, in: db) } == window)
            #expect(try database.read { db in try PersonStore.sendWindow(personID: nameless, in: db) } == nil)
            try database.write { db in try PersonStore.setSendWindow(nil, personID: fatima, in: db) }
            #expect(try database.read { db in try PersonStore.sendWindow(personID: fatima, in: db) } == nil)
            try database.write { db in try PersonStore.setName("Fatma", personID: fatima, in: db) }
            #expect(try database.read { db in try PersonStore.name(personID: fatima, in: db) } == "Fatma")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func optingOutReachesThePersonAndEveryConversationOfTheirs(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let service = try ConversationService(database: database, library: Fixtures.library)
            guard case .applied(let id, _, _) = try service.handle(Fixtures.message("hoi", id: "SM1", phone: "+31611111111")) else {
                Issue.record("not applied")
                return
            }
            let flow = try #require(Fixtures.library.engine()?.flow.id)
            #expect(try database.read { db in try PersonStore.optedOut(personID: id, in: db) } == false)
            try database.write { db in try PersonStore.setOptedOut(true, personID: id, in: db) }
            try database.read { db throws in
                #expect(try PersonStore.optedOut(personID: id, in: db))
                #expect(try PersonStore.profile(personID: id, in: db)?.optedOut == true)
                #expect(try ConversationStore.state(personID: id, flowID: flow, in: db)?.optedOut == true)
                // Nobody known counts as opted out: nothing goes to them.
                #expect(try PersonStore.optedOut(personID: 999, in: db))
            }
            try database.write { db in try PersonStore.setOptedOut(false, personID: id, in: db) }
            #expect(try database.read { db in try ConversationStore.state(personID: id, flowID: flow, in: db)?.optedOut } == false)
            #expect(try database.read { db in try PersonStore.optedOut(personID: id, in: db) } == false)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theActiveFlowRoutesTheNextMessageUntilItIsLeft(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let id = try database.write { db in try ContractSeed.inwoner(phone: "+31611111111", in: db) }
            #expect(try database.read { db in try PersonStore.routing(personID: id, in: db) }.map { $0 == (nil, "inwoner") } == true)
            try database.write { db in try PersonStore.setActiveFlow("opvolging", personID: id, in: db) }
            #expect(
                try database.read { db in try PersonStore.routing(personID: id, in: db) }.map { $0 == ("opvolging", "inwoner") }
                    == true)
            let (other, left, again) = try database.write { db in
                (
                    try PersonStore.leaveFlow("netwerk", personID: id, in: db),
                    try PersonStore.leaveFlow("opvolging", personID: id, in: db),
                    try PersonStore.leaveFlow("opvolging", personID: id, in: db)
                )
            }
            // Only the flow that was active is left, once.
            #expect(!other)
            #expect(left)
            #expect(!again)
            #expect(try database.read { db in try PersonStore.routing(personID: id, in: db) }.map { $0 == (nil, "inwoner") } == true)
            #expect(try database.read { db in try PersonStore.routing(personID: 999, in: db) } == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func someoneWeWriteToForAnInwonerIsReachableOnTheInwonersChannel(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (inwoner, member, again, existing) = try database.write { db in
                let inwoner = try PersonStore.enrol(
                    phone: "+31611111111", name: "Sam", language: .nl, channel: "whatsapp", address: "31611111111",
                    at: ContractSeed.now, in: db)
                let member = try PersonStore.reachable(
                    role: "netwerk", phone: "+31622222222", name: "Ans", inwonerID: inwoner, at: ContractSeed.now, in: db)
                let again = try PersonStore.reachable(
                    role: "netwerk", phone: "+31622222222", name: "Ans", inwonerID: inwoner, at: ContractSeed.now, in: db)
                // Someone already known keeps their role.
                let existing = try PersonStore.reachable(
                    role: "mantelzorger", phone: "+31611111111", name: nil, inwonerID: inwoner,
                    at: ContractSeed.now, in: db)
                return (inwoner, member, again, existing)
            }
            #expect(member == again)
            #expect(existing == inwoner)
            try database.read { db throws in
                #expect(try PersonStore.routing(personID: member, in: db)?.role == "netwerk")
                #expect(try PersonStore.name(personID: member, in: db) == "Ans")
                #expect(try PersonStore.primaryContact(personID: member, in: db).map { $0 == ("whatsapp", "31622222222") } == true)
                #expect(try PersonStore.isInwoner(personID: existing, in: db))
            }
        }
    }
}
