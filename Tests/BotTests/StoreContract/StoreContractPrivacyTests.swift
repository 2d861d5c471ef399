import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// The AVG rights and what keeps them: the export (`PersonExport`), the erasure (`Erasure`), the
/// consents as asked (`ConsentStore`), the audit log (`AuditLog`) and the bewaartermijn (`RetentionStore`).
struct StoreContractPrivacyTests {
    static let phone = "+31698765432"
    /// What Sam answers to "Ik ben ...": a text found nowhere else.
    static let distinctive = "zwaluwstaartig eerlijk"
    /// The phone Sam gives for network member Ans in the intake.
    static let memberPhone = "+31623456789"
    static let carerPhone = "+31655500000"

    struct ExportedAnswer: Equatable {
        var key: String, value: String, module: String?, createdAt: String
    }

    /// The person's answers as their export shows them, in the order given.
    static func answers(_ personID: Int64, _ database: AppDatabase) throws -> [ExportedAnswer] {
        let answers = try #require(try StoreContractIntakeTests.export(personID, database)["answers"] as? [[String: Any]])
        return answers.map {
            ExportedAnswer(
                key: $0["key"] as? String ?? "", value: $0["value"] as? String ?? "", module: $0["module"] as? String,
                createdAt: $0["createdAt"] as? String ?? "")
        }
    }

    /// Sam after the whole intake (with a network member Ans who is a person we write to), the
    /// jobs of the next days run, a mantelzorger with a check-in, an alert, notes and an audit row;
    /// and Kim, another inwoner, with a little of each.
    static func world(_ database: AppDatabase) throws -> (sam: Int64, kim: Int64) {
        let service = try ConversationService(database: database, library: Fixtures.library)
        var lines = Fixtures.intake
        let strength = try #require(lines.firstIndex(of: "eerlijk"))
        lines[strength] = distinctive
        var sam: Int64 = 0
        for (n, line) in lines.enumerated() {
            sam = StoreContractInboundTests.personID(
                try service.handle(
                    Fixtures.message(
                        line, id: "SM\(n)", phone: phone,
                        at: ContractSeed.at(minutes: Double(n)))))
        }
        _ = try service.handle(Fixtures.message("hoi", id: "KIM1", phone: "+31622222222"))
        let runner = JobRunner(service: service)
        let later = ContractSeed.at(minutes: 5 * 24 * 60)
        return try database.write { db in
            for _ in 0..<200 {
                guard let job = try JobStore.nextDue(at: later, in: db) else { break }
                _ = try runner.run(job, at: later, in: db)
            }
            let kim = try #require(try PersonStore.id(phone: "+31622222222", in: db))
            let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
            try ProfessionalStore.assign(personID: sam, to: anna, in: db)
            let carer = try ContractSeed.carer(of: sam, phone: carerPhone, in: db).personID
            try CarerStore.asked("quick", carerID: carer, inwonerID: sam, at: ContractSeed.now, in: db)
            try ContractSeed.alert(sam, kind: "crisis", urgent: true, in: db)
            try ContractSeed.alert(carer, kind: "mantelzorg_overbelast", in: db)
            try NoteStore.add(personID: sam, professionalID: anna, text: "Sam gebeld over \(distinctive)", at: ContractSeed.now, in: db)
            try NoteStore.addFromChat(personID: sam, text: "Mijn zus Ans helpt", at: ContractSeed.now, in: db)
            try AuditLog.record("inwoner bekeken", professionalID: anna, personID: sam, at: ContractSeed.now, in: db)
            try NoteStore.addFromChat(personID: kim, text: "Kim vertelde iets", at: ContractSeed.now, in: db)
            return (sam, kim)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theExportHoldsEverythingAboutThePersonAndNothingAboutAnyoneElse(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, kim) = try Self.world(database)
            let export = try StoreContractIntakeTests.export(sam, database)
            let person = try #require(export["person"] as? [String: Any])
            #expect(
                person["phone"] as? String == Self.phone && person["name"] as? String == "Sam" && person["role"] as? String == "inwoner")
            func list(_ key: String) -> [[String: Any]] { export[key] as? [[String: Any]] ?? [] }
            #expect(list("contacts").map { $0["address"] as? String } == [Self.phone])
            #expect(list("consents").compactMap { $0["purpose"] as? String } == ["deelname", "delen_netwerk"])
            #expect(
                list("consents").first?["textShown"] as? String
                    == "We bewaren je antwoorden veilig. Alleen jouw hulpverlener ziet ze. Je kunt altijd stoppen met STOP. Vragen? Stuur HULP."
            )
            #expect(list("scores").count == 2)
            #expect(list("strengths").compactMap { $0["text"] as? String }.first == Self.distinctive)
            #expect(list("wishes").count == 1)
            #expect(list("network").compactMap { $0["name"] as? String } == ["Ans", "Piet"])
            #expect(list("network").first?["phone"] as? String == Self.memberPhone)
            // Ans helps with boodschappen and is close; Piet helps with nothing named and is further away.
            #expect(list("network").map { $0["support"] as? String } == ["praktisch", nil])
            #expect(list("network").map { $0["closeness"] as? String } == ["dichtbij", "verder"])
            #expect(list("mantelzorg").compactMap { $0["name"] as? String } == ["Mijn moeder", "Mo"])
            let goals = list("goals")
            #expect(goals.compactMap { $0["text"] as? String } == ["Een huis zonder schimmel"])
            let actions = goals.first?["actions"] as? [[String: Any]] ?? []
            #expect(actions.compactMap { $0["what"] as? String } == ["De woningcorporatie bellen", "Ans vragen mee te gaan"])
            #expect(actions.compactMap { $0["who"] as? String } == ["inwoner", "Ans"])
            #expect(actions.first?["due"] as? String == "2026-11-24T10:00")
            #expect(list("spiegelbladen").compactMap { $0["module"] as? String } == ["m1", "m2", "m3"])
            #expect(list("modules").compactMap { $0["module"] as? String } == ["m1", "m2", "m3"])
            #expect(list("answers").contains { $0["value"] as? String == Value.text(Self.distinctive).json })
            #expect(list("alerts").compactMap { $0["kind"] as? String }.contains("crisis"))
            #expect(list("chatNotes").compactMap { $0["text"] as? String } == ["Mijn zus Ans helpt"])
            // Mo's check-in about Sam, and Sam's own as mantelzorger of their mother, from the intake.
            #expect(list("checkins").compactMap { $0["kind"] as? String } == ["quick", "quick"])
            let transcript = try database.read { db in try MessageStore.transcript(personID: sam, limit: 10_000, in: db) }
            #expect(list("messages").compactMap { $0["text"] as? String } == transcript.map(\.text))
            #expect(list("messages").filter { $0["direction"] as? String == "in" }.count == Fixtures.intake.count)
            // Nothing of Kim's.
            let text = String(decoding: try database.read { db in try PersonExport.document(personID: sam, in: db) }, as: UTF8.self)
            #expect(!text.contains("+31622222222") && !text.contains("Kim vertelde"))
            // The same store gives the same document.
            #expect(try database.read { db in try PersonExport.document(personID: sam, in: db) } == Data(text.utf8))
            #expect((try StoreContractIntakeTests.export(kim, database)["chatNotes"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func afterAnErasureThePhoneNumbersAndAnswersAreInNoTable(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, kim) = try Self.world(database)
            let needles = [Self.phone.dropFirst(), Self.memberPhone.dropFirst(), Self.carerPhone.dropFirst(), Self.distinctive[...]].map(
                String.init)
            let (member, kimBefore) = try database.read { db throws in
                // Without the +: the WhatsApp form of the number is found too.
                for needle in needles { #expect(try !backend.tables(containing: needle, in: db).isEmpty, "\(needle) was never stored") }
                return (try #require(try PersonStore.id(phone: Self.memberPhone, in: db)), try PersonExport.document(personID: kim, in: db))
            }
            try database.write { db in try Erasure.erase(personID: sam, at: ContractSeed.at(minutes: 600), in: db) }
            try database.write { db throws in
                for needle in needles {
                    #expect(try backend.tables(containing: needle, in: db).isEmpty, "\(needle) is still in the store")
                }
                #expect(try PersonStore.profile(personID: sam, in: db) == nil)
                // The network member and the mantelzorger we knew only through Sam went with them.
                #expect(try PersonStore.profile(personID: member, in: db) == nil)
                #expect(try PersonStore.id(phone: Self.carerPhone, in: db) == nil)
                #expect(try AlertStore.allOpen(in: db).isEmpty)
                #expect(try JobStore.nextDue(at: .distantFuture, in: db).map { [sam, member].contains($0.personID) } != true)
                // Kim is untouched; the audit log keeps its rows, by id only.
                #expect(try PersonExport.document(personID: kim, in: db) == kimBefore)
                #expect(try AuditLog.recent(limit: 10, personID: sam, in: db).map(\.event) == ["inwoner bekeken"])
                #expect(try Erasure.unfinished(in: db) == 1)
            }
            // Erasing the same id again is harmless.
            try database.write { db in try Erasure.erase(personID: sam, at: ContractSeed.at(minutes: 601), in: db) }
            #expect(try database.read(Erasure.unfinished) == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anErasureIsAllOrNothingWithTheCallersTransaction(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, _) = try Self.world(database)
            struct Abort: Error {}
            #expect(throws: Abort.self) {
                try database.write { db in
                    try Erasure.erase(personID: sam, at: ContractSeed.now, in: db)
                    throw Abort()
                }
            }
            try database.read { db throws in
                #expect(try PersonStore.profile(personID: sam, in: db)?.phone == Self.phone)
                #expect(try PersonStore.id(phone: Self.memberPhone, in: db) != nil)
                #expect(try Erasure.unfinished(in: db) == 0)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aMemberWhoAlsoHelpsAnotherInwonerStays(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (sam, kim, ans) = try database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let kim = try ContractSeed.inwoner(phone: "+31622222222", name: "Kim", in: db)
                let ans = try #require(
                    try ContractSeed.member(of: sam, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db).personID)
                try ContractSeed.member(of: kim, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db)
                try Erasure.erase(personID: sam, at: ContractSeed.now, in: db)
                return (sam, kim, ans)
            }
            try database.read { db throws in
                #expect(try PersonStore.profile(personID: sam, in: db) == nil)
                #expect(try PersonStore.profile(personID: ans, in: db)?.phone == "+31687654321")
                #expect(try NetworkStore.members(inwonerID: kim, in: db).map(\.name) == ["Ans"])
                // Sam's row about Ans is gone with Sam.
                #expect(try NetworkStore.members(inwonerID: sam, in: db).isEmpty)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anErasureIsFinishedOnceAndSaysSoInTheAuditLog(_ backend: StoreBackend) async throws {
        try await backend.withAsyncStore { database in
            let sam = try await database.write { db in
                let sam = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                try Erasure.erase(personID: sam, at: ContractSeed.now, in: db)
                return sam
            }
            #expect(try await database.read(Erasure.unfinished) == 1)
            #expect(try await Erasure.finish(database, clock: WallClock.fixed(ContractSeed.at(minutes: 1))) == .done)
            #expect(try await Erasure.finish(database, clock: WallClock.fixed(ContractSeed.at(minutes: 2))) == .done)
            #expect(try await database.read(Erasure.unfinished) == 0)
            let audit = try await database.read { db in try AuditLog.recent(limit: 10, personID: sam, in: db) }
            #expect(audit.map(\.event) == ["wissen voltooid"])
            #expect(audit.first?.at == ContractSeed.at(minutes: 1) && audit.first?.email == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func consentsAreKeptAsAskedEveryOneOfThem(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                func consent(_ personID: Int64, _ granted: Bool, _ shown: String) -> ConsentStore.Consent {
                    ConsentStore.Consent(
                        personID: personID, purpose: "herinneringen_netwerk", granted: granted, subject: "network-1",
                        textKey: "m3.delen", textShown: shown, flowVersion: "levenskracht@2", channel: "sms")
                }
                try ConsentStore.add(consent(id, true, "Mag Ans een herinnering krijgen?"), at: ContractSeed.now, in: db)
                try ConsentStore.add(
                    consent(id, false, "Mag Ans nog steeds een herinnering krijgen?"), at: ContractSeed.at(minutes: 1), in: db)
                try ConsentStore.add(consent(other, true, "Iets anders"), at: ContractSeed.now, in: db)
                return (id, other)
            }
            let consents = try #require(try StoreContractIntakeTests.export(id, database)["consents"] as? [[String: Any]])
            #expect(consents.map { $0["granted"] as? Int64 } == [1, 0])
            #expect(
                consents.map { $0["textShown"] as? String } == [
                    "Mag Ans een herinnering krijgen?", "Mag Ans nog steeds een herinnering krijgen?"
                ])
            #expect(
                consents.allSatisfy {
                    $0["purpose"] as? String == "herinneringen_netwerk" && $0["subject"] as? String == "network-1"
                        && $0["textKey"] as? String == "m3.delen" && $0["flowVersion"] as? String == "levenskracht@2"
                        && $0["channel"] as? String == "sms"
                })
            #expect(
                consents.map { $0["createdAt"] as? String } == [SQLDate.text(ContractSeed.now), SQLDate.text(ContractSeed.at(minutes: 1))])
            #expect((try StoreContractIntakeTests.export(other, database)["consents"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theAuditLogListsTheLatestFirstWithWhoDidIt(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (anna, sam, kim) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let sam = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let kim = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                try AuditLog.record("ingelogd", professionalID: anna, personID: nil, at: ContractSeed.now, in: db)
                try AuditLog.record("inwoner bekeken", professionalID: anna, personID: sam, at: ContractSeed.at(minutes: 1), in: db)
                try AuditLog.record("gewist (bewaartermijn)", professionalID: nil, personID: kim, at: ContractSeed.at(minutes: 2), in: db)
                try AuditLog.record("notitie", professionalID: anna, personID: sam, at: ContractSeed.at(minutes: 3), in: db)
                return (anna, sam, kim)
            }
            _ = anna
            let (all, two, sams, kims) = try database.read { db in
                (
                    try AuditLog.recent(limit: 100, in: db), try AuditLog.recent(limit: 2, in: db),
                    try AuditLog.recent(limit: 100, personID: sam, in: db), try AuditLog.recent(limit: 100, personID: kim, in: db)
                )
            }
            #expect(all.map(\.event) == ["notitie", "gewist (bewaartermijn)", "inwoner bekeken", "ingelogd"])
            #expect(all.map(\.email) == ["anna@wijkteam.example", nil, "anna@wijkteam.example", "anna@wijkteam.example"])
            #expect(
                all.map(\.at) == [ContractSeed.at(minutes: 3), ContractSeed.at(minutes: 2), ContractSeed.at(minutes: 1), ContractSeed.now])
            #expect(all.last?.personID == nil)
            #expect(two.map(\.event) == ["notitie", "gewist (bewaartermijn)"])
            #expect(sams.map(\.event) == ["notitie", "inwoner bekeken"])
            #expect(kims.map(\.personID) == [kim])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func inactiveInwonersAreToldOnceUntilTheyAreActiveAgain(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let day: TimeInterval = 86_400
            let (quiet, looked, noted, member) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let quiet = try ContractSeed.inwoner(phone: "+31611111111", name: "Stil", at: ContractSeed.now, in: db)
                let looked = try ContractSeed.inwoner(
                    phone: "+31622222222", name: "Bekeken", at: ContractSeed.now.addingTimeInterval(day), in: db)
                let noted = try ContractSeed.inwoner(phone: "+31633333333", name: "Genoteerd", at: ContractSeed.now, in: db)
                let member = try #require(
                    try ContractSeed.member(of: quiet, name: "Ans", phone: "+31687654321", invitation: .accepted, in: db).personID)
                // Looking is not activity; a note is.
                try AuditLog.record(
                    "inwoner bekeken", professionalID: anna, personID: looked, at: ContractSeed.now.addingTimeInterval(20 * day), in: db)
                try AuditLog.record(
                    "notitie", professionalID: anna, personID: noted, at: ContractSeed.now.addingTimeInterval(10 * day), in: db)
                return (quiet, looked, noted, member)
            }
            let cutoff = ContractSeed.now.addingTimeInterval(30 * day)
            let inactive = try database.read { db in try RetentionStore.inactive(since: cutoff, in: db) }
            #expect(
                inactive == [
                    RetentionStore.Inactive(personID: quiet, lastActivity: ContractSeed.now, noticeAt: nil),
                    RetentionStore.Inactive(personID: looked, lastActivity: ContractSeed.now.addingTimeInterval(day), noticeAt: nil),
                    RetentionStore.Inactive(personID: noted, lastActivity: ContractSeed.now.addingTimeInterval(10 * day), noticeAt: nil)
                ])
            #expect(!inactive.map(\.personID).contains(member))
            let told = cutoff.addingTimeInterval(60)
            let (first, second) = try database.write { db in
                (
                    try RetentionStore.notify(
                        personID: quiet, lastActivity: ContractSeed.now, detail: "gewist op 1 januari", at: told, in: db),
                    try RetentionStore.notify(
                        personID: quiet, lastActivity: ContractSeed.now, detail: "gewist op 1 januari", at: told, in: db)
                )
            }
            #expect(first)
            #expect(!second)
            try database.read { db throws in
                #expect(try RetentionStore.stillInactive(personID: quiet, since: cutoff, in: db)?.noticeAt == told)
                #expect(try AlertStore.open(inwonerID: quiet, limit: 10, in: db).map(\.kind) == [RetentionStore.noticeKind])
            }
            // They write again: active, and a later notice is a new one.
            let wrote = cutoff.addingTimeInterval(day)
            try database.write { db in
                _ = try PersonStore.findOrCreate(channel: "sms", address: "+31611111111", phone: "+31611111111", at: wrote, in: db)
            }
            try database.read { db throws in
                #expect(try RetentionStore.stillInactive(personID: quiet, since: cutoff, in: db) == nil)
                #expect(
                    try RetentionStore.stillInactive(personID: quiet, since: wrote.addingTimeInterval(30 * day), in: db)
                        == RetentionStore.Inactive(personID: quiet, lastActivity: wrote, noticeAt: nil))
            }
            #expect(
                try database.write { db in
                    try RetentionStore.notify(
                        personID: quiet, lastActivity: wrote, detail: "opnieuw", at: wrote.addingTimeInterval(31 * day), in: db)
                })
        }
    }
}
