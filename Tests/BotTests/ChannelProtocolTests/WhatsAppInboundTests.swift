import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct WhatsAppInboundTests {
        /// A webhook body around one `value`.
        private func envelope(_ value: String, field: String = "messages") -> Data {
            Data(#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"\#(field)","value":\#(value)}]}]}"#.utf8)
        }

        @Test func inboundTextVector() throws {
            let vector = try ChannelVectors.vector("wa-inbound-text")
            let expected = try #require(vector["expected"] as? [String: Any])
            let events = try WhatsAppInbound.parse(json: try ChannelVectors.json(vector, "payload")).get()
            #expect(
                events == [
                    .text(
                        id: try ChannelVectors.string(expected, "message_id"), from: try ChannelVectors.string(expected, "from_wa_id"),
                        userID: nil, name: try ChannelVectors.string(expected, "profile_name"),
                        text: try ChannelVectors.string(expected, "text"),
                        timestamp: try #require(expected["timestamp_unix"] as? Int))
                ])
        }

        @Test func inboundTextFromTheSignedRawBytes() throws {
            let raw = Data(try ChannelVectors.string(ChannelVectors.vector("wa-sig-courier-hello"), "raw_body").utf8)
            let events = try WhatsAppInbound.parse(json: raw).get()
            #expect(events.map(\.id) == ["external_id"])
            let message = try #require(events.first?.inboundMessage(receivedAt: Date(timeIntervalSince1970: 5)))
            #expect(message.channel == "whatsapp")
            #expect(message.address == "250788123123")
            #expect(message.phone == "+250788123123")
            #expect(message.providerID == "external_id")
            #expect(message.text == "Hello World")
        }

        @Test func statusVector() throws {
            let vector = try ChannelVectors.vector("wa-status-sent")
            let expected = try #require(vector["expected"] as? [String: Any])
            let events = try WhatsAppInbound.parse(json: try ChannelVectors.json(vector, "payload")).get()
            #expect(
                events == [
                    .status(
                        id: try ChannelVectors.string(expected, "message_id"), status: try ChannelVectors.string(expected, "status"),
                        recipient: try ChannelVectors.string(expected, "recipient"), errorCode: nil)
                ])
            #expect(events.first?.inboundMessage(receivedAt: Date()) == nil)
        }

        @Test func failedStatusCarriesTheErrorCode() throws {
            let body = envelope(
                #"{"statuses":[{"id":"wamid.1","status":"failed","recipient_id":"31612345678","errors":[{"code":131047,"title":"Re-engagement message"}]}]}"#
            )
            #expect(
                try WhatsAppInbound.parse(json: body).get() == [
                    .status(id: "wamid.1", status: "failed", recipient: "31612345678", errorCode: 131047)
                ])
        }

        @Test func messageWithoutFromButWithAUserIDIsValid() throws {
            let body = envelope(
                #"{"contacts":[{"profile":{"name":"Anouk"},"user_id":"NL.a1B2c3"}],"messages":[{"from_user_id":"NL.a1B2c3","id":"wamid.2","timestamp":"1795425300","type":"text","text":{"body":"Hoi"}}]}"#
            )
            let events = try WhatsAppInbound.parse(json: body).get()
            #expect(events == [.text(id: "wamid.2", from: nil, userID: "NL.a1B2c3", name: "Anouk", text: "Hoi", timestamp: 1_795_425_300)])
            let message = try #require(events.first?.inboundMessage(receivedAt: Date()))
            #expect(message.address == "NL.a1B2c3")
            #expect(message.phone == nil)
        }

        @Test func theUserIDComesFromTheMatchingContact() throws {
            let body = envelope(
                #"{"contacts":[{"profile":{"name":"A"},"wa_id":"311","user_id":"NL.one"},{"profile":{"name":"B"},"wa_id":"312","user_id":"NL.two"}],"messages":[{"from":"312","id":"w3","timestamp":1,"type":"text","text":{"body":"x"}}]}"#
            )
            #expect(
                try WhatsAppInbound.parse(json: body).get() == [
                    .text(id: "w3", from: "312", userID: "NL.two", name: "B", text: "x", timestamp: 1)
                ])
        }

        @Test func aMessageWithoutAnySenderIsRefused() {
            let body = envelope(#"{"messages":[{"id":"w4","timestamp":"1","type":"text","text":{"body":"x"}}]}"#)
            #expect(WhatsAppInbound.parse(json: body).failureValue?.reason == "message 'w4' has neither 'from' nor a user id")
        }

        @Test func nonTextMessagesAreUnsupported() throws {
            let body = envelope(#"{"messages":[{"from":"31612345678","id":"w5","timestamp":"1","type":"image","image":{"id":"media1"}}]}"#)
            #expect(
                try WhatsAppInbound.parse(json: body).get() == [.unsupported(id: "w5", from: "31612345678", userID: nil, type: "image")])
        }

        @Test func otherFieldsAreSkippedAndEmptyBatchesAreEmpty() throws {
            #expect(
                try WhatsAppInbound.parse(json: envelope(#"{"messages":"not the messages shape"}"#, field: "account_update")).get() == [])
            #expect(try WhatsAppInbound.parse(json: Data(#"{"object":"whatsapp_business_account","entry":[]}"#.utf8)).get() == [])
        }

        @Test(arguments: [
            (#"{"entry":{}}"#, "field 'entry' has the wrong type"),
            (#"{"object":"whatsapp_business_account"}"#, "missing field 'entry'"),
            (#"{"object":"page","entry":[]}"#, "field 'object' is not 'whatsapp_business_account'"),
            (#"[1,2,3]"#, "body is not a JSON object"),
            (
                #"{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","id":"w","timestamp":true,"type":"text","text":{"body":"x"}}]}}]}]}"#,
                "field 'entry[0].changes[0].value.messages[0].timestamp' has the wrong type"
            ),
            (
                #"{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","id":"w","timestamp":"1","type":"text","text":{"body":7}}]}}]}]}"#,
                "field 'entry[0].changes[0].value.messages[0].text.body' has the wrong type"
            ),
            (
                #"{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","timestamp":"1","type":"text"}]}}]}]}"#,
                "missing field 'entry[0].changes[0].value.messages[0].id'"
            ),
            (
                #"{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","id":"w","timestamp":"1","type":"text"}]}}]}]}"#,
                "missing field 'messages.text.body'"
            ),
            (
                #"{"entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","id":"w","timestamp":"soon","type":"text"}]}}]}]}"#,
                "field 'entry[0].changes[0].value.messages[0].timestamp' has the wrong type"
            ),
            (
                #"{"entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":null,"status":"sent"}]}}]}]}"#,
                "field 'entry[0].changes[0].value.statuses[0].id' is null"
            ),
            (#"{"entry": "#, "body is not valid JSON")
        ])
        func wrongShapesAreRefusedWithAReason(json: String, reason: String) {
            #expect(WhatsAppInbound.parse(json: Data(json.utf8)).failureValue?.reason == reason)
        }

        @Test func emptyInvalidUTF8AndHugeBodiesAreRefused() {
            #expect(WhatsAppInbound.parse(json: Data()).failureValue == .emptyBody)
            let invalidUTF8 = Data(#"{"entry":[],"object":""#.utf8) + Data([0xFF, 0xFE]) + Data(#""}"#.utf8)
            #expect(WhatsAppInbound.parse(json: invalidUTF8).failureValue != nil)
            let megabyteText = String(repeating: "a", count: 1_048_576)
            let huge = envelope(#"{"messages":[{"from":"1","id":"w","timestamp":"1","type":"text","text":{"body":"\#(megabyteText)"}}]}"#)
            #expect(WhatsAppInbound.parse(json: huge).failureValue?.reason == "field 'messages.text.body' is longer than 4096 characters")
            let tooLarge = Data(repeating: 0x20, count: PayloadLimits.maxWhatsAppBody + 1)
            #expect(WhatsAppInbound.parse(json: tooLarge).failureValue == .tooLarge(limit: PayloadLimits.maxWhatsAppBody))
        }
    }
}
