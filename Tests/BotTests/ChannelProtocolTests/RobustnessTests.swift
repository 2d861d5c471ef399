import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct RobustnessTests {
        @Test func constantTimeEquals() {
            #expect(WebhookSignature.constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
            #expect(!WebhookSignature.constantTimeEquals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
            #expect(!WebhookSignature.constantTimeEquals([0x80] as [UInt8], [0x00] as [UInt8]))
            #expect(!WebhookSignature.constantTimeEquals([1, 2] as [UInt8], [1, 2, 3] as [UInt8]))
            #expect(WebhookSignature.constantTimeEquals([] as [UInt8], Data()))
            #expect(WebhookSignature.constantTimeEquals("abc", "abc"))
            #expect(!WebhookSignature.constantTimeEquals("abc", "abC"))
        }

        @Test func hexRoundTripsAndRejectsNonHex() {
            #expect(WebhookSignature.hex([0x00, 0xAB, 0xFF]) == "00abff")
            #expect(WebhookSignature.bytes(fromHex: "00abFF") == [0x00, 0xAB, 0xFF])
            #expect(WebhookSignature.bytes(fromHex: "abc") == nil)
            #expect(WebhookSignature.bytes(fromHex: "zz") == nil)
            #expect(WebhookSignature.bytes(fromHex: "") == [])
        }

        @Test func randomBytesNeverParse() {
            var random = SeededRandom(seed: 20_261_123)
            for round in 0..<300 {
                let body = random.bytes(Int.random(in: 0...512, using: &random))
                #expect(TwilioInbound.parse(formBody: body).failureValue != nil, "round \(round)")
                #expect(WhatsAppInbound.parse(json: body).failureValue != nil, "round \(round)")
                #expect(TelegramInbound.parse(json: body).failureValue != nil, "round \(round)")
                #expect(GenericInbound.parse(json: body).failureValue != nil, "round \(round)")
            }
        }

        @Test func mutatedValidBodiesNeverTrap() throws {
            let whatsApp = Data(try ChannelVectors.string(ChannelVectors.vector("wa-sig-courier-hello"), "raw_body").utf8)
            let telegram = try ChannelVectors.json(ChannelVectors.vector("tg-update-private-text"), "payload")
            let twilio = Data(try ChannelVectors.string(ChannelVectors.vector("twilio-sig-status-callback"), "raw_body").utf8)
            var random = SeededRandom(seed: 42)
            var outcomes = (parsed: 0, refused: 0)
            for _ in 0..<300 {
                for (index, original) in [whatsApp, telegram, twilio].enumerated() {
                    var body = original
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        let position = body.startIndex + Int.random(in: 0..<body.count, using: &random)
                        body[position] = UInt8.random(in: 0...255, using: &random)
                    }
                    let ok: Bool
                    switch index {
                    case 0: ok = WhatsAppInbound.parse(json: body).successValue != nil
                    case 1: ok = TelegramInbound.parse(json: body).successValue != nil
                    default: ok = TwilioInbound.parse(formBody: body).successValue != nil
                    }
                    if ok { outcomes.parsed += 1 } else { outcomes.refused += 1 }
                }
            }
            #expect(outcomes.parsed + outcomes.refused == 900)
            #expect(outcomes.refused > 0)
            #expect(outcomes.parsed > 0)
        }

        @Test func deepNestingIsRefusedNotACrash() {
            let deep = Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)
            #expect(WhatsAppInbound.parse(json: deep).failureValue != nil)
            #expect(TelegramInbound.parse(json: deep).failureValue != nil)
            #expect(GenericInbound.parse(json: deep).failureValue != nil)
        }

        @Test func parseErrorsReadWellInA400Body() {
            #expect(PayloadError.missing("From").description == "missing field 'From'")
            #expect(PayloadError.tooLarge(limit: 10).reason == "body is larger than 10 bytes")
            #expect(JSONPayload.path([]) == "")
        }
    }
}
