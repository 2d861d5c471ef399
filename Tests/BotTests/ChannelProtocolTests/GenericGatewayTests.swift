import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct GenericGatewayTests {
        private let body = Data(#"{"id":"gw-1","from":"+31612345678","text":"Hoi, ik wil me aanmelden"}"#.utf8)
        private let secret = "gateway-shared-secret"

        @Test func hmacSHA256KnownAnswer() {
            // RFC 4231 test case 2.
            #expect(
                GenericSignature.sign(body: Data("what do ya want for nothing?".utf8), secret: "Jefe")
                    == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        }

        @Test func signedBodiesVerifyWithAndWithoutPrefix() {
            let signature = GenericSignature.sign(body: body, secret: secret)
            #expect(signature.count == 64)
            #expect(signature == signature.lowercased())
            #expect(GenericSignature.isValid(header: signature, rawBody: body, secret: secret))
            #expect(GenericSignature.isValid(header: "sha256=" + signature, rawBody: body, secret: secret))
            #expect(GenericSignature.isValid(header: signature.uppercased(), rawBody: body, secret: secret))
        }

        @Test func forgeriesAreInvalid() {
            let signature = GenericSignature.sign(body: body, secret: secret)
            var changed = body
            changed[changed.startIndex + 10] ^= 0x20
            #expect(!GenericSignature.isValid(header: signature, rawBody: changed, secret: secret))
            #expect(!GenericSignature.isValid(header: signature, rawBody: body, secret: secret + "x"))
            #expect(!GenericSignature.isValid(header: signature, rawBody: body, secret: ""))
            #expect(!GenericSignature.isValid(header: nil, rawBody: body, secret: secret))
            #expect(!GenericSignature.isValid(header: "", rawBody: body, secret: secret))
            #expect(!GenericSignature.isValid(header: "sha1=" + signature, rawBody: body, secret: secret))
            #expect(!GenericSignature.isValid(header: String(signature.dropLast()), rawBody: body, secret: secret))
            #expect(
                !GenericSignature.isValid(
                    header: Data(WebhookSignature.bytes(fromHex: signature) ?? []).base64EncodedString(), rawBody: body, secret: secret))
        }

        @Test func parsesAValidMessage() throws {
            let message = try GenericInbound.parse(json: body).get()
            #expect(message == GenericInbound(id: "gw-1", from: "+31612345678", text: "Hoi, ik wil me aanmelden"))
            let inbound = message.inboundMessage(receivedAt: Date(timeIntervalSince1970: 1))
            #expect(inbound.channel == "sms")
            #expect(inbound.phone == "+31612345678")
            #expect(inbound.providerID == "gw-1")
        }

        @Test(arguments: [
            (#"{"from":"+31612345678","text":"x"}"#, "missing field 'id'"),
            (#"{"id":"1","text":"x"}"#, "missing field 'from'"),
            (#"{"id":"1","from":"+31612345678"}"#, "missing field 'text'"),
            (#"{"id":"","from":"+31612345678","text":"x"}"#, "field 'id' is empty"),
            (#"{"id":"1","from":"","text":"x"}"#, "field 'from' is empty"),
            (#"{"id":1,"from":"+31612345678","text":"x"}"#, "field 'id' has the wrong type"),
            (#"{"id":"1","from":"+31612345678","text":null}"#, "field 'text' is null"),
            (#"{"id":"1","from":["+31612345678"],"text":"x"}"#, "field 'from' has the wrong type"),
            (#""just a string""#, "body is not a JSON object"),
            ("id=1&from=2&text=3", "body is not valid JSON")
        ])
        func wrongShapesAreRefusedWithAReason(json: String, reason: String) {
            #expect(GenericInbound.parse(json: Data(json.utf8)).failureValue?.reason == reason)
        }

        @Test func textLimitIs4096Characters() throws {
            let limit = String(repeating: "€", count: 4096)
            #expect(try GenericInbound.parse(json: Data(#"{"id":"1","from":"+31612345678","text":"\#(limit)"}"#.utf8)).get().text == limit)
            #expect(
                GenericInbound.parse(json: Data(#"{"id":"1","from":"+31612345678","text":"\#(limit)x"}"#.utf8)).failureValue?.reason
                    == "field 'text' is longer than 4096 characters")
        }

        @Test func emptyInvalidUTF8AndHugeBodiesAreRefused() {
            #expect(GenericInbound.parse(json: Data()).failureValue == .emptyBody)
            let invalid = Data(#"{"id":"1","from":"+3161234567"#.utf8) + Data([0xC3, 0x28]) + Data(#"","text":"x"}"#.utf8)
            #expect(GenericInbound.parse(json: invalid).failureValue != nil)
            let megabyte = Data(#"{"id":"1","from":"+31612345678","text":"\#(String(repeating: "a", count: 1_048_576))"}"#.utf8)
            #expect(GenericInbound.parse(json: megabyte).failureValue == .tooLarge(limit: PayloadLimits.maxSmallBody))
        }
    }
}
