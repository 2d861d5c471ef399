import Foundation
import Testing

@testable import Bot

/// The channel protocol tests: signatures, payload parsers and request builders against
/// `Tests/Fixtures/vectors.json`. Every suite in this folder is nested here, so
/// `swift test --filter ChannelProtocolTests` runs them all.
@Suite struct ChannelProtocolTests {
    /// The ids of the vectors the suites check; must be every vector of the twilio, whatsapp and telegram groups.
    static let coveredVectorIDs: Set<String> = [
        "twilio-sig-docs-classic", "twilio-sig-sdk-unittest", "twilio-sig-status-callback", "twilio-sig-json-bodysha256",
        "twilio-sig-sharedkey-hmac-sha256", "twiml-simple", "twiml-escaping", "twiml-empty", "twilio-send-sms",
        "wa-sig-courier-hello", "wa-verify-docs", "wa-inbound-text", "wa-status-sent", "wa-send-text",
        "wa-send-template", "tg-update-private-text", "tg-secret-token", "tg-send-message", "tg-webhook-method-reply"
    ]

    @Test func everyTwilioWhatsAppAndTelegramVectorIsCovered() throws {
        let ids = try ChannelVectors.all()
            .filter { ["twilio", "whatsapp", "telegram"].contains($0["group"] as? String ?? "") }
            .compactMap { $0["id"] as? String }
        #expect(ids.count == 19)
        #expect(Set(ids) == Self.coveredVectorIDs)
    }
}

extension ChannelProtocolTests {
    /// Access to `Tests/Fixtures/vectors.json`, found from this file's path.
    enum ChannelVectors {
        static let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/vectors.json")

        static func all() throws -> [[String: Any]] {
            let root = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            return try #require(root?["vectors"] as? [[String: Any]])
        }

        static func vector(_ id: String) throws -> [String: Any] {
            try #require(try all().first { $0["id"] as? String == id }, "no vector \(id)")
        }

        static func string(_ vector: [String: Any], _ key: String) throws -> String {
            try #require(vector[key] as? String, "vector has no string '\(key)'")
        }

        /// A `params`-style object as pairs (order does not matter to the signature).
        static func pairs(_ vector: [String: Any], _ key: String) throws -> [(String, String)] {
            let object = try #require(vector[key] as? [String: String], "vector has no object '\(key)'")
            return object.map { ($0.key, $0.value) }
        }

        /// A JSON sub-object of the vector, serialised again (for payload vectors).
        static func json(_ vector: [String: Any], _ key: String) throws -> Data {
            let object = try #require(vector[key])
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }

        /// JSON in a canonical form (sorted keys), so two documents compare by meaning, not bytes.
        static func canonical(_ data: Data) throws -> String {
            let object = try JSONSerialization.jsonObject(with: data)
            return try canonical(object: object)
        }

        static func canonical(object: Any) throws -> String {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        }
    }
}

extension SeededRandom {
    mutating func bytes(_ count: Int) -> Data {
        Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &self) })
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var successValue: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
