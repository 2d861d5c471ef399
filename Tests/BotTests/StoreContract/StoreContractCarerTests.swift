import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Mantelzorgers and their check-ins: invited, consenting, asked and answering (`CarerStore`), and
/// the check-ins as professionals read them (`CarerStore.checkins`).
struct StoreContractCarerTests {
    static func result(score: Int, band: String?) -> InstrumentResult {
        InstrumentResult(score: score, answered: 13, missing: [], band: band, complete: true, high: band == "hoog", status: .complete)
    }

    @Test(arguments: StoreBackend.allCases)
    func checkinsAboutAnInwonerOrInvolvingAPersonAndHowOftenACarerIsAsked(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (inwoner, carer, otherInwoner, nameless) = try database.write { db in
                let inwoner = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let otherInwoner = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                let carer = try ContractSeed.carer(of: inwoner, phone: "+31633333333", in: db).personID
                // A mantelzorger without a name, of the other inwoner.
                let nameless = try ContractSeed.carer(of: otherInwoner, name: nil, phone: "+31644444444", in: db).personID
                try CarerStore.asked("quick", carerID: carer, inwonerID: inwoner, at: ContractSeed.now, in: db)
                let answered = try #require(try CarerStore.latest("quick", carerID: carer, in: db))
                _ = try CarerStore.answerQuick(id: answered.id, carerID: carer, score: 6, limit: 3, at: ContractSeed.at(minutes: 1), in: db)
                try CarerStore.asked("quick", carerID: nameless, inwonerID: inwoner, at: ContractSeed.at(minutes: 1), in: db)
                _ = try CarerStore.closeUnanswered(carerID: nameless, limit: 3, in: db)
                try CarerStore.asked("csi", carerID: carer, inwonerID: otherInwoner, at: ContractSeed.at(minutes: 2), in: db)
                let csi = try #require(try CarerStore.latest("csi", carerID: carer, in: db))
                try CarerStore.answerQuestionnaire(
                    id: csi.id, result: Self.result(score: 9, band: "hoog"), at: ContractSeed.at(minutes: 2), in: db)
                try CarerStore.asked("quick", carerID: carer, inwonerID: inwoner, at: ContractSeed.at(minutes: 3), in: db)
                return (inwoner, carer, otherInwoner, nameless)
            }
            let (about, involving, asInwoner) = try database.read { db in
                (
                    try CarerStore.checkins(about: inwoner, in: db), try CarerStore.checkins(involving: carer, in: db),
                    try CarerStore.checkins(involving: otherInwoner, in: db)
                )
            }
            #expect(about.map(\.askedAt) == [ContractSeed.now, ContractSeed.at(minutes: 1), ContractSeed.at(minutes: 3)])
            #expect(about.map(\.carerName) == ["Mo", nil, "Mo"])
            #expect(about.map(\.status) == ["answered", "unanswered", "asked"])
            #expect(
                about.first
                    == CarerCheckin(
                        carerID: carer, carerName: "Mo", kind: "quick", status: "answered", score: 6, band: nil,
                        askedAt: ContractSeed.now))
            #expect(involving.map(\.askedAt) == [ContractSeed.now, ContractSeed.at(minutes: 2), ContractSeed.at(minutes: 3)])
            #expect(
                asInwoner == [
                    CarerCheckin(
                        carerID: carer, carerName: "Mo", kind: "csi", status: "answered", score: 9, band: "hoog",
                        askedAt: ContractSeed.at(minutes: 2))
                ])

            let (changed, notACarer) = try database.write { db in
                (
                    try CarerStore.setCheckinInterval(days: 7, carerPersonID: carer, in: db),
                    try CarerStore.setCheckinInterval(days: 7, carerPersonID: otherInwoner, in: db)
                )
            }
            #expect(changed)
            #expect(!notACarer)
            // Setting the same number again still finds the mantelzorger.
            #expect(try database.write { db in try CarerStore.setCheckinInterval(days: 7, carerPersonID: carer, in: db) })
            try database.write { db in
                try CarerStore.setConsent(carerID: carer, granted: true, in: db)
                try CarerStore.setConsent(carerID: nameless, granted: true, in: db)
            }
            try database.read { db throws in
                #expect(try CarerStore.accepted(carerID: carer, in: db).map { $0 == (inwoner, 7) } == true)
                #expect(try CarerStore.accepted(carerID: nameless, in: db).map { $0 == (otherInwoner, 14) } == true)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aMantelzorgerIsInvitedOnceAndTheirAnswerAndStopCount(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (inwoner, link, carer, giver, noCheckin) = try database.write { db in
                let inwoner = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                let link = try #require(
                    try ContractSeed.records(inwoner, in: db).saveCarerLink(
                        direction: "ontvangt", name: "Mo", hours: nil,
                        phone: "+31633333333", checkin: true, localID: "mz-1"))
                // Care the inwoner gives, and care without check-ins: nobody to invite.
                let giver = try #require(
                    try ContractSeed.records(inwoner, in: db).saveCarerLink(
                        direction: "geeft", name: "Moeder", hours: nil,
                        phone: "+31644444444", checkin: true, localID: "mz-2"))
                let noCheckin = try #require(
                    try ContractSeed.records(inwoner, in: db).saveCarerLink(
                        direction: "ontvangt", name: "Piet", hours: nil,
                        phone: "+31655555555", checkin: false, localID: "mz-3"))
                return (
                    inwoner, link,
                    try PersonStore.carer(phone: "+31633333333", carerLinkID: link, inwonerID: inwoner, at: ContractSeed.now, in: db),
                    giver, noCheckin
                )
            }
            try database.read { db throws in
                let invite = try #require(try CarerStore.toInvite(carerLinkID: link, in: db))
                #expect(invite.inwonerID == inwoner && invite.phone == "+31633333333" && invite.carerPersonID == carer)
                #expect(try CarerStore.toInvite(carerLinkID: giver, in: db) == nil)
                #expect(try CarerStore.toInvite(carerLinkID: noCheckin, in: db) == nil)
                #expect(try CarerStore.invitationNames(carerID: carer, in: db).map { $0 == ("Mo", "Sam") } == true)
                #expect(try PersonStore.routing(personID: carer, in: db)?.role == "mantelzorger")
                #expect(try CarerStore.accepted(carerID: carer, in: db) == nil)
            }
            try database.write { db in
                try CarerStore.markInvited(carerID: carer, in: db)
                try CarerStore.markInvited(carerID: carer, in: db)
            }
            // Invited: not invited again.
            #expect(try database.read { db in try CarerStore.toInvite(carerLinkID: link, in: db) } == nil)
            try database.write { db in try CarerStore.setConsent(carerID: carer, granted: true, in: db) }
            // An answer given stays when the invitation is marked again.
            try database.write { db in try CarerStore.markInvited(carerID: carer, in: db) }
            #expect(try database.read { db in try CarerStore.accepted(carerID: carer, in: db) }.map { $0 == (inwoner, 14) } == true)
            try database.write { db in try CarerStore.stopped(carerID: carer, in: db) }
            #expect(try database.read { db in try CarerStore.accepted(carerID: carer, in: db) } == nil)
            try database.write { db in try CarerStore.setConsent(carerID: carer, granted: false, in: db) }
            #expect(try database.read { db in try CarerStore.accepted(carerID: carer, in: db) } == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func quickCheckinsAreAnsweredOrCountedUnansweredNewestFirst(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (inwoner, carer) = try database.write { db in
                let inwoner = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                return (inwoner, try ContractSeed.carer(of: inwoner, phone: "+31633333333", in: db).personID)
            }
            func ask(_ minutes: Double) throws -> Int64 {
                try database.write { db in
                    try CarerStore.asked("quick", carerID: carer, inwonerID: inwoner, at: ContractSeed.at(minutes: minutes), in: db)
                    let latest = try #require(try CarerStore.latest("quick", carerID: carer, in: db))
                    #expect(latest.inwonerID == inwoner && !latest.hasResult)
                    return latest.id
                }
            }
            let first = try ask(0)
            let scores = try database.write { db in
                try CarerStore.answerQuick(id: first, carerID: carer, score: 8, limit: 3, at: ContractSeed.at(minutes: 1), in: db)
            }
            #expect(scores == [8])
            _ = try ask(10)
            let answered = try database.write { db in try CarerStore.closeUnanswered(carerID: carer, limit: 3, in: db) }
            // Newest first: the second went unanswered, the first was answered.
            #expect(answered == [false, true])
            let third = try ask(20)
            let latest = try database.write { db in
                try CarerStore.answerQuick(id: third, carerID: carer, score: 5, limit: 1, at: ContractSeed.at(minutes: 21), in: db)
            }
            #expect(latest == [5])
            // Closing again finds nothing waiting: the answered ones stay answered.
            #expect(
                try database.write { db in try CarerStore.closeUnanswered(carerID: carer, limit: 5, in: db) } == [true, false, true])
            #expect(
                try database.read { db in try CarerStore.lastAnswered("quick", carerID: carer, in: db) }
                    == ContractSeed.at(minutes: 21))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aQuestionnaireKeepsItsResultAndWhenItWasAnswered(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (inwoner, carer) = try database.write { db in
                let inwoner = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                return (inwoner, try ContractSeed.carer(of: inwoner, phone: "+31633333333", in: db).personID)
            }
            #expect(try database.read { db in try CarerStore.lastAnswered("csi", carerID: carer, in: db) } == nil)
            let id = try database.write { db in
                try CarerStore.asked("csi", carerID: carer, inwonerID: inwoner, at: ContractSeed.now, in: db)
                return try #require(try CarerStore.latest("csi", carerID: carer, in: db)).id
            }
            try database.write { db in
                try CarerStore.answerQuestionnaire(
                    id: id, result: Self.result(score: 3, band: "laag"), at: ContractSeed.at(minutes: 5), in: db)
            }
            try database.read { db throws in
                let latest = try #require(try CarerStore.latest("csi", carerID: carer, in: db))
                #expect(latest.id == id && latest.hasResult)
                #expect(try CarerStore.lastAnswered("csi", carerID: carer, in: db) == ContractSeed.at(minutes: 5))
                // Another kind's answers are not this one's.
                #expect(try CarerStore.lastAnswered("quick", carerID: carer, in: db) == nil)
                #expect(
                    try CarerStore.checkins(about: inwoner, in: db) == [
                        CarerCheckin(
                            carerID: carer, carerName: "Mo", kind: "csi", status: "answered", score: 3, band: "laag",
                            askedAt: ContractSeed.now)
                    ])
            }
            // The whole result is kept, as the export shows it.
            let checkins = try #require(try StoreContractIntakeTests.export(inwoner, database)["checkins"] as? [[String: Any]])
            let json = try #require(checkins.first?["result"] as? String)
            #expect(try JSONDecoder().decode(InstrumentResult.self, from: Data(json.utf8)) == Self.result(score: 3, band: "laag"))
            #expect(checkins.first?["answeredAt"] as? String == SQLDate.text(ContractSeed.at(minutes: 5)))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anInwonersOwnQuickScoreWaitsForItsQuestionnaireUntilOneIsAsked(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            try database.write { db in
                let inwoner = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let carer = try ContractSeed.carer(of: inwoner, phone: "+31633333333", in: db).personID
                #expect(try CarerStore.ownQuickWithoutQuestionnaire(inwonerID: inwoner, in: db) == nil)
                // A mantelzorger's check-in about the inwoner is not the inwoner's own.
                try CarerStore.asked("quick", carerID: carer, inwonerID: inwoner, at: ContractSeed.now, in: db)
                let theirs = try #require(try CarerStore.latest("quick", carerID: carer, in: db))
                _ = try CarerStore.answerQuick(id: theirs.id, carerID: carer, score: 9, limit: 1, at: ContractSeed.now, in: db)
                #expect(try CarerStore.ownQuickWithoutQuestionnaire(inwonerID: inwoner, in: db) == nil)
                // Asked but not answered: nothing waits yet.
                try CarerStore.asked("quick", carerID: inwoner, inwonerID: inwoner, at: ContractSeed.at(minutes: 1), in: db)
                #expect(try CarerStore.ownQuickWithoutQuestionnaire(inwonerID: inwoner, in: db) == nil)
                let own = try #require(try CarerStore.latest("quick", carerID: inwoner, in: db))
                _ = try CarerStore.answerQuick(id: own.id, carerID: inwoner, score: 8, limit: 1, at: ContractSeed.at(minutes: 1), in: db)
                #expect(try CarerStore.ownQuickWithoutQuestionnaire(inwonerID: inwoner, in: db) == 8)
                try CarerStore.asked("csi", carerID: inwoner, inwonerID: inwoner, at: ContractSeed.at(minutes: 2), in: db)
                #expect(try CarerStore.ownQuickWithoutQuestionnaire(inwonerID: inwoner, in: db) == nil)
                #expect(try CarerStore.checkins(about: inwoner, in: db).filter { $0.carerID == inwoner }.map(\.kind) == ["quick", "csi"])
            }
        }
    }
}
