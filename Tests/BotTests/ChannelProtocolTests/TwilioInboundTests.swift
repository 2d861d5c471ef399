import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct TwilioInboundTests {
        private func form(_ pairs: [(String, String)]) -> Data {
            Data(FormURLEncoded.encode(pairs).utf8)
        }

        @Test func inboundMessageFromTheSharedKeyVectorParams() throws {
            let vector = try ChannelVectors.vector("twilio-sig-sharedkey-hmac-sha256")
            let params = try ChannelVectors.pairs(vector, "params")
            let inbound = try TwilioInbound.parse(formBody: form(params)).get()

            #expect(inbound.messageSid == "SM0123456789abcdef0123456789abcdef")
            #expect(inbound.from == "+31612345678")
            #expect(inbound.to == "+3197010250999")
            #expect(inbound.body == "Herinner me morgen om 9:00 aan de GFT-container & het oud papier €")
            #expect(inbound.accountSid == "AC00000000000000000000000000000000")
            #expect(!inbound.isStatusCallback)
            #expect(inbound.params.count == params.count)
            #expect(inbound.param("ToState") == "")
            // The decoded params sign exactly like the vector's.
            let secret = try ChannelVectors.string(vector, "secret")
            #expect(
                TwilioSignature.isValid(
                    signature: try ChannelVectors.string(vector, "expected_signature"), url: try ChannelVectors.string(vector, "url"),
                    params: inbound.params, secret: secret, algorithm: .sha256))
        }

        @Test func statusCallbackVector() throws {
            let vector = try ChannelVectors.vector("twilio-sig-status-callback")
            let inbound = try TwilioInbound.parse(formBody: Data(try ChannelVectors.string(vector, "raw_body").utf8)).get()
            #expect(inbound.isStatusCallback)
            #expect(inbound.messageStatus == "delivered")
            #expect(inbound.messageSid == "SM89abcdef0123456789abcdef01234567")
            #expect(inbound.to == "+31612345678")
            #expect(inbound.errorCode == nil)
            #expect(
                inbound.params.map(\.0) == ["MessageStatus", "ApiVersion", "SmsSid", "SmsStatus", "To", "From", "MessageSid", "AccountSid"])
            #expect(inbound.inboundMessage(receivedAt: Date(timeIntervalSince1970: 0)) == nil)
        }

        @Test func failedStatusCallbackCarriesTheErrorCode() throws {
            let body = form([("MessageSid", "SM1"), ("MessageStatus", "undelivered"), ("ErrorCode", "30008")])
            let inbound = try TwilioInbound.parse(formBody: body).get()
            #expect(inbound.errorCode == 30008)
            #expect(inbound.from == "")
        }

        @Test func optOutTypeIsRead() throws {
            let body = form([
                ("MessageSid", "SM1"), ("From", "+31612345678"), ("To", "+3197010250999"), ("Body", "stop"), ("OptOutType", "STOP")
            ])
            let inbound = try TwilioInbound.parse(formBody: body).get()
            #expect(inbound.optOutType == "STOP")
            #expect(inbound.body == "stop")
        }

        @Test(arguments: [
            ("From=%2B31612345678&To=%2B3197010250999&Body=hoi", "missing field 'MessageSid'"),
            ("MessageSid=SM1&To=%2B3197010250999&Body=hoi", "missing field 'From'"),
            ("MessageSid=SM1&From=%2B31612345678&Body=hoi", "missing field 'To'"),
            ("MessageSid=&From=%2B31612345678&To=x", "field 'MessageSid' is empty"),
            ("MessageSid=SM1&From=&To=x", "field 'From' is empty")
        ])
        func missingFieldsNameTheField(body: String, reason: String) {
            #expect(TwilioInbound.parse(formBody: Data(body.utf8)).failureValue?.reason == reason)
        }

        @Test func malformedBodiesFail() {
            #expect(TwilioInbound.parse(formBody: Data()).failureValue == .emptyBody)
            #expect(TwilioInbound.parse(formBody: Data("MessageSid=SM1&From=%ZZ&To=x".utf8)).failureValue == .invalidForm)
            #expect(TwilioInbound.parse(formBody: Data([0x4D, 0x3D, 0xFF, 0xFE])).failureValue == .invalidForm)
            #expect(TwilioInbound.parse(formBody: Data("{\"MessageSid\":\"SM1\"}".utf8)).failureValue != nil)
        }

        @Test func hugeFieldsFail() {
            let long = String(repeating: "a", count: 5000)
            let body = form([("MessageSid", "SM1"), ("From", "+31612345678"), ("To", "+3197010250999"), ("Body", long)])
            #expect(TwilioInbound.parse(formBody: body).failureValue?.reason == "field 'Body' is longer than 4096 characters")
            let megabyte = Data(("MessageSid=SM1&From=x&To=y&Body=" + String(repeating: "b", count: 1_048_576)).utf8)
            #expect(TwilioInbound.parse(formBody: megabyte).failureValue == .tooLarge(limit: PayloadLimits.maxSmallBody))
            let longSid = form([("MessageSid", String(repeating: "S", count: 300)), ("From", "x"), ("To", "y")])
            #expect(TwilioInbound.parse(formBody: longSid).failureValue?.reason == "field 'MessageSid' is longer than 256 characters")
        }

        @Test func mapsToAnInboundMessage() throws {
            let body = form([("MessageSid", "SM9"), ("From", "+31612345678"), ("To", "+3197010250999"), ("Body", "Hoi")])
            let at = Date(timeIntervalSince1970: 1_795_425_300)
            let message = try #require(try TwilioInbound.parse(formBody: body).get().inboundMessage(receivedAt: at))
            #expect(message.channel == "sms")
            #expect(message.address == "+31612345678")
            #expect(message.phone == "+31612345678")
            #expect(message.providerID == "SM9")
            #expect(message.text == "Hoi")
            #expect(message.receivedAt == at)
        }
    }
}
