import Crypto
import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct WhatsAppSignatureTests {
        private func vector() throws -> (body: Data, secret: String, header: String) {
            let vector = try ChannelVectors.vector("wa-sig-courier-hello")
            return (
                Data(try ChannelVectors.string(vector, "raw_body").utf8), try ChannelVectors.string(vector, "app_secret"),
                try ChannelVectors.string(vector, "expected_header_value")
            )
        }

        @Test func courierHelloVerifies() throws {
            let (body, secret, header) = try vector()
            let raw = try ChannelVectors.vector("wa-sig-courier-hello")
            #expect(body.count == raw["raw_body_length"] as? Int)
            #expect(WebhookSignature.hex(SHA256Digest.of(body)) == (try ChannelVectors.string(raw, "raw_body_sha256_hex")))
            #expect(WhatsAppSignature.sign(rawBody: body, appSecret: secret) == header)
            #expect(WhatsAppSignature.isValid(header: header, rawBody: body, appSecret: secret))
            #expect(WhatsAppSignature.isValid(header: header, rawBody: Array(body), appSecret: secret))
        }

        @Test func oneAppendedSpaceIsInvalid() throws {
            let (body, secret, header) = try vector()
            #expect(!WhatsAppSignature.isValid(header: header, rawBody: body + Data(" ".utf8), appSecret: secret))
        }

        @Test func oneChangedBodyByteIsInvalid() throws {
            let (body, secret, header) = try vector()
            var forged = body
            forged[forged.startIndex + 500] ^= 0x01
            #expect(!WhatsAppSignature.isValid(header: header, rawBody: forged, appSecret: secret))
        }

        @Test func reEncodedJSONIsInvalid() throws {
            let (body, secret, header) = try vector()
            let reEncoded = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: body))
            #expect(reEncoded != body)
            #expect(!WhatsAppSignature.isValid(header: header, rawBody: reEncoded, appSecret: secret))
        }

        @Test func wrongSecretMissingOrMalformedHeaderIsInvalid() throws {
            let (body, secret, header) = try vector()
            let hex = String(header.dropFirst("sha256=".count))
            #expect(!WhatsAppSignature.isValid(header: header, rawBody: body, appSecret: secret + "0"))
            #expect(!WhatsAppSignature.isValid(header: header, rawBody: body, appSecret: ""))
            #expect(!WhatsAppSignature.isValid(header: nil, rawBody: body, appSecret: secret))
            #expect(!WhatsAppSignature.isValid(header: "", rawBody: body, appSecret: secret))
            #expect(!WhatsAppSignature.isValid(header: hex, rawBody: body, appSecret: secret))
            #expect(!WhatsAppSignature.isValid(header: "sha1=" + hex, rawBody: body, appSecret: secret))
            #expect(!WhatsAppSignature.isValid(header: "sha256=" + hex.dropLast(2), rawBody: body, appSecret: secret))
            #expect(!WhatsAppSignature.isValid(header: "sha256=" + hex.dropLast() + "g", rawBody: body, appSecret: secret))
        }

        @Test func uppercaseHexIsTheSameSignature() throws {
            let (body, secret, header) = try vector()
            let upper = "sha256=" + header.dropFirst("sha256=".count).uppercased()
            #expect(WhatsAppSignature.isValid(header: upper, rawBody: body, appSecret: secret))
        }

        @Test func verificationHandshake() throws {
            let vector = try ChannelVectors.vector("wa-verify-docs")
            let url = try ChannelVectors.string(vector, "request_url")
            let query = try #require(FormURLEncoded.decode(String(url.split(separator: "?")[1])))
            let token = try ChannelVectors.string(vector, "configured_verify_token")
            #expect(vector["expected_status"] as? Int == 200)
            #expect(
                WhatsAppVerification.challenge(query: query, verifyToken: token) == (try ChannelVectors.string(vector, "expected_body")))
        }

        @Test func verificationMismatchIsRefused() throws {
            let vector = try ChannelVectors.vector("wa-verify-docs")
            let url = try ChannelVectors.string(vector, "request_url")
            let query = try #require(FormURLEncoded.decode(String(url.split(separator: "?")[1])))
            let mismatch = try #require(vector["mismatch_case"] as? [String: Any])
            #expect(mismatch["expected_status"] as? Int == 403)
            #expect(
                WhatsAppVerification.challenge(query: query, verifyToken: try ChannelVectors.string(mismatch, "configured_verify_token"))
                    == nil)
            #expect(WhatsAppVerification.challenge(query: query, verifyToken: "") == nil)
            #expect(
                WhatsAppVerification.challenge(mode: "unsubscribe", token: "meatyhamhock", challenge: "1", verifyToken: "meatyhamhock")
                    == nil)
            #expect(WhatsAppVerification.challenge(mode: "subscribe", token: nil, challenge: "1", verifyToken: "meatyhamhock") == nil)
            #expect(
                WhatsAppVerification.challenge(mode: "subscribe", token: "meatyhamhock", challenge: "<script>", verifyToken: "meatyhamhock")
                    == nil)
            #expect(
                WhatsAppVerification.challenge(mode: "subscribe", token: "meatyhamhock", challenge: nil, verifyToken: "meatyhamhock") == nil
            )
        }
    }
}

extension ChannelProtocolTests {
    /// SHA-256 for the tests, through swift-crypto.
    enum SHA256Digest {
        static func of(_ data: Data) -> [UInt8] { Array(SHA256.hash(data: data)) }
    }
}
