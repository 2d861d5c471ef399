import Dialog
import Foundation
import GRDB
import Testing

@testable import Bot

/// Messages both ways (`MessageStore`): stored once per provider id, read back as the transcript,
/// and their delivery as the providers report it.
struct StoreContractMessageTests {
    @Test(arguments: StoreBackend.allCases)
    func anInboundMessageIsStoredOncePerChannelAndProviderId(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let id = try database.write { db in try ContractSeed.inwoner(phone: "+31611111111", in: db) }
            func message(_ channel: String, _ providerID: String?, _ text: String) -> InboundMessage {
                InboundMessage(
                    channel: channel, address: "+31611111111", phone: "+31611111111", providerID: providerID, text: text,
                    receivedAt: ContractSeed.now)
            }
            let (first, again, otherChannel, noID, noIDAgain) = try database.write { db in
                (
                    try MessageStore.insertInbound(message("sms", "SM1", "hoi"), personID: id, in: db),
                    try MessageStore.insertInbound(message("sms", "SM1", "hoi nog eens"), personID: id, in: db),
                    try MessageStore.insertInbound(message("whatsapp", "SM1", "hoi"), personID: id, in: db),
                    try MessageStore.insertInbound(message("stdin", nil, "hallo"), personID: id, in: db),
                    try MessageStore.insertInbound(message("stdin", nil, "hallo"), personID: id, in: db)
                )
            }
            let firstID = try #require(first)
            #expect(again == nil)
            #expect(otherChannel != nil && otherChannel != firstID)
            // Without a provider id every message is a new one.
            #expect(noID != nil && noIDAgain != nil && noID != noIDAgain)
            try database.read { db throws in
                let earlier = try #require(try MessageStore.inbound(channel: "sms", providerID: "SM1", in: db))
                #expect(earlier.id == firstID && earlier.personID == id)
                #expect(try MessageStore.inbound(channel: "sms", providerID: "SM2", in: db) == nil)
                #expect(try MessageStore.transcript(personID: id, limit: 10, in: db).map(\.text) == ["hoi", "hoi", "hallo", "hallo"])
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anInboundMessageKeepsHowItWasGivenAndByWhom(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, anna) = try database.write { db in
                let anna = try ContractSeed.professional("anna@wijkteam.example", in: db)
                let id = try ContractSeed.inwoner(phone: "+31611111111", professionalID: anna, in: db)
                try ContractSeed.inbound(id, "hoi", at: ContractSeed.at(minutes: 1), in: db)
                let together = InboundMessage(
                    channel: "web", address: "", phone: nil, providerID: "form-1", text: "ja", receivedAt: ContractSeed.at(minutes: 2),
                    personID: id, via: "samen", professionalID: anna)
                _ = try #require(try MessageStore.insertInbound(together, personID: id, in: db))
                return (id, anna)
            }
            try database.read { db throws in
                let lines = try MessageStore.transcript(personID: id, limit: 10, in: db)
                #expect(
                    lines == [
                        MessageStore.TranscriptLine(inbound: true, text: "hoi", createdAt: ContractSeed.at(minutes: 1)),
                        MessageStore.TranscriptLine(
                            inbound: true, text: "ja", createdAt: ContractSeed.at(minutes: 2), via: "samen", professionalID: anna)
                    ])
                #expect(try MessageStore.inbound(channel: "web", providerID: "form-1", in: db)?.personID == id)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theOpenQuestionIsTheLastMessageWegwijzerWrote(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                (try ContractSeed.inwoner(phone: "+31611111111", in: db), try ContractSeed.inwoner(phone: "+31622222222", in: db))
            }
            #expect(try database.read { db in try MessageStore.lastOutgoing(personID: id, in: db) } == nil)
            try database.write { db in
                try ContractSeed.outbound(id, "Wil je meedoen?", at: ContractSeed.at(minutes: 1), in: db)
                try ContractSeed.outbound(id, "Welk cijfer geef je dit nu?", at: ContractSeed.at(minutes: 2), in: db)
                try ContractSeed.inbound(id, "een zesje", at: ContractSeed.at(minutes: 3), in: db)
                try ContractSeed.outbound(other, "Niet voor haar", at: ContractSeed.at(minutes: 4), in: db)
                // Queued and not sent yet counts too: it is what the conversation waits for.
                _ = try MessageStore.queueOutbound(
                    personID: other, channel: "sms", key: "k", text: "Nog in de wachtrij", replyTo: nil, at: ContractSeed.at(minutes: 5),
                    in: db)
            }
            try database.read { db throws in
                #expect(
                    try MessageStore.lastOutgoing(personID: id, in: db)
                        == MessageStore.TranscriptLine(
                            inbound: false, text: "Welk cijfer geef je dit nu?", createdAt: ContractSeed.at(minutes: 2)))
                #expect(try MessageStore.lastOutgoing(personID: other, in: db)?.text == "Nog in de wachtrij")
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theTranscriptIsTheLastMessagesOldestFirst(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                try ContractSeed.inbound(id, "hoi", at: ContractSeed.at(minutes: 1), in: db)
                try ContractSeed.inbound(other, "niet van haar", in: db)
                try ContractSeed.outbound(id, "Welkom", at: ContractSeed.at(minutes: 2), in: db)
                try ContractSeed.inbound(id, "ja", at: ContractSeed.at(minutes: 3), in: db)
                return (id, other)
            }
            let (all, last) = try database.read { db in
                (try MessageStore.transcript(personID: id, limit: 300, in: db), try MessageStore.transcript(personID: id, limit: 2, in: db))
            }
            #expect(
                all == [
                    MessageStore.TranscriptLine(inbound: true, text: "hoi", createdAt: ContractSeed.at(minutes: 1)),
                    MessageStore.TranscriptLine(inbound: false, text: "Welkom", createdAt: ContractSeed.at(minutes: 2)),
                    MessageStore.TranscriptLine(inbound: true, text: "ja", createdAt: ContractSeed.at(minutes: 3))
                ])
            #expect(last.map(\.text) == ["Welkom", "ja"])
            #expect(
                try database.read { db in try MessageStore.transcript(personID: other, limit: 300, in: db) }.map(\.text) == [
                    "niet van haar"
                ])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aQueuedMessageGoesToThePersonsAddressAndAnSMSIsPlainGSM(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let id = try database.write { db in
                try PersonStore.enrol(
                    phone: "+31611111111", name: "Sam", language: .nl, channel: "whatsapp", address: "31611111111",
                    at: ContractSeed.now, in: db)
            }
            let (whatsapp, sms, inline) = try database.write { db in
                (
                    try MessageStore.queueOutbound(
                        personID: id, channel: "whatsapp", key: "k", text: "“Hoi” 👋", replyTo: nil, at: ContractSeed.now, in: db),
                    try MessageStore.queueOutbound(
                        personID: id, channel: "sms", key: "k", text: "“Hoi” 👋", replyTo: nil, at: ContractSeed.now,
                        address: "+31611111111", in: db),
                    try MessageStore.queueOutbound(
                        personID: id, channel: "whatsapp", key: "k", text: "In het antwoord", replyTo: nil,
                        at: ContractSeed.now, sentInline: true, in: db)
                )
            }
            #expect(whatsapp.address == "31611111111" && whatsapp.text == "“Hoi” 👋" && whatsapp.outboxID != 0)
            #expect(sms.address == "+31611111111" && sms.outboxID != 0)
            // Curly quotes straightened, the emoji dropped: one GSM-7 segment.
            #expect(!sms.text.contains("“") && !sms.text.contains("👋") && sms.text.contains("Hoi"))
            // Sent in the HTTP response: it waits in no outbox.
            #expect(inline.outboxID == 0)
            try database.read { db throws in
                #expect(try OutboxStore.pending(channel: "whatsapp", in: db) == [whatsapp])
                // `address` only says where this one goes now; the outbox reaches the person at their contact on the channel.
                #expect(try OutboxStore.pending(channel: "sms", personID: id, in: db).map(\.outboxID) == [sms.outboxID])
                #expect(try OutboxStore.pending(channel: "sms", personID: id, in: db).map(\.text) == [sms.text])
                #expect(
                    try MessageStore.transcript(personID: id, limit: 10, in: db).map(\.text) == [whatsapp.text, sms.text, "In het antwoord"]
                )
                #expect(try MessageStore.address(personID: id, channel: "whatsapp", in: db) == "31611111111")
                #expect(try MessageStore.address(personID: id, channel: "telegram", in: db) == "")
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func withoutConsentTheInwonersOwnWordsAreForgottenButNotOurs(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            let (id, other) = try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", in: db)
                let other = try ContractSeed.inwoner(phone: "+31622222222", in: db)
                try ContractSeed.inbound(id, "Ik heet Kees", in: db)
                try ContractSeed.outbound(id, "Wil je meedoen?", in: db)
                try ContractSeed.inbound(other, "Ik heet Ans", in: db)
                try MessageStore.forgetInboundTexts(personID: id, in: db)
                return (id, other)
            }
            try database.read { db throws in
                #expect(try MessageStore.transcript(personID: id, limit: 10, in: db).map(\.text) == ["", "Wil je meedoen?"])
                #expect(try MessageStore.transcript(personID: other, limit: 10, in: db).map(\.text) == ["Ik heet Ans"])
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aSentMessageIsFoundByItsProviderIdAndItsStatusRecorded(_ backend: StoreBackend) throws {
        try backend.withStore { database in
            try database.write { db in
                let id = try ContractSeed.inwoner(phone: "+31611111111", name: "Sam", in: db)
                _ = try MessageStore.queueOutbound(
                    personID: id, channel: "sms", key: "k", text: "Welkom", replyTo: nil, at: ContractSeed.now, in: db)
                let claimed = try #require(
                    try OutboxStore.claim(channels: ["sms"], now: ContractSeed.now, lease: 60, limit: 10, in: db).first)
                try OutboxStore.record(.sent(providerID: "SM1"), for: claimed, policy: DispatchPolicy(), now: ContractSeed.now, in: db)
            }
            let messageID = try #require(
                try database.read { db in try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db) }
            ).messageID
            try database.read { db throws in
                #expect(
                    try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db)
                        == MessageStore.Delivery(messageID: messageID, status: nil))
                #expect(try MessageStore.delivery(channel: "whatsapp", providerMessageID: "SM1", in: db) == nil)
                #expect(try MessageStore.delivery(channel: "sms", providerMessageID: "SM2", in: db) == nil)
            }
            try database.write { db in try MessageStore.setDeliveryStatus("delivered", messageID: messageID, in: db) }
            #expect(
                try database.read { db in try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db) }?.status
                    == "delivered")
            try database.write { db in try MessageStore.setDeliveryStatus("read", messageID: messageID, in: db) }
            #expect(
                try database.read { db in try MessageStore.delivery(channel: "sms", providerMessageID: "SM1", in: db) }?.status
                    == "read")
        }
    }
}
