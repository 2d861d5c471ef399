import Foundation
import Testing

/// The `"group": "sms_encoding"` vectors of `Tests/Fixtures/vectors.json`.
enum SMSEncodingVectors {
    struct Limits: Decodable, Sendable {
        let gsm7Single: Int
        let gsm7MultipartPerSegment: Int
        let ucs2Single: Int
        let ucs2MultipartPerSegment: Int

        enum CodingKeys: String, CodingKey {
            case gsm7Single = "gsm7_single"
            case gsm7MultipartPerSegment = "gsm7_multipart_per_segment"
            case ucs2Single = "ucs2_single"
            case ucs2MultipartPerSegment = "ucs2_multipart_per_segment"
        }
    }

    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        let group: String
        let kind: String
        let id: String
        let text: String?
        let expectedEncoding: String?
        let expectedUnits: Int?
        let expectedSegments: Int?
        let expectedUnitsPerSegment: [Int]?
        let charactersForcingUCS2: [String]?
        let extensionCharacters: [String]?
        let unicodeCodePoints: Int?
        let basicTable: [String: String]?
        let extensionTable: [String: String]?
        let dutchCharacterClassification: [String: String]?
        let segmentLimits: Limits?

        enum CodingKeys: String, CodingKey {
            case group, kind, id, text
            case expectedEncoding = "expected_encoding"
            case expectedUnits = "expected_units"
            case expectedSegments = "expected_segments"
            case expectedUnitsPerSegment = "expected_units_per_segment"
            case charactersForcingUCS2 = "characters_forcing_ucs2"
            case extensionCharacters = "extension_chars_2_septets"
            case unicodeCodePoints = "unicode_code_points"
            case basicTable = "basic_table"
            case extensionTable = "extension_table"
            case dutchCharacterClassification = "dutch_character_classification"
            case segmentLimits = "segment_limits"
        }

        var testDescription: String { id }
    }

    private struct File: Decodable {
        let vectors: [Vector]
    }

    /// This file's directory → ../Fixtures/vectors.json.
    static let fixtureURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("vectors.json")

    static func load() throws -> [Vector] {
        let data = try Data(contentsOf: fixtureURL)
        return try JSONDecoder().decode(File.self, from: data).vectors
            .filter { $0.group == "sms_encoding" }
    }

    /// Empty when the fixture cannot be read; `fixtureLoads` in SMSSegmentsTests then fails.
    static let all: [Vector] = (try? load()) ?? []

    static var segmentVectors: [Vector] { all.filter { $0.kind == "sms_segments" } }

    static var charset: Vector? { all.first { $0.id == "gsm7-default-alphabet" } }

    /// Basic table as (code, character), in code order.
    static var basicTable: [(code: String, character: String)] {
        (charset?.basicTable ?? [:])
            .sorted { Int($0.key.dropFirst(2), radix: 16)! < Int($1.key.dropFirst(2), radix: 16)! }
            .map { (code: $0.key, character: $0.value) }
    }

    /// Extension table as (character, escape sequence), sorted by character.
    static var extensionTable: [(character: String, codes: String)] {
        (charset?.extensionTable ?? [:])
            .sorted { $0.key < $1.key }
            .map { (character: $0.key, codes: $0.value) }
    }

    /// Dutch character classification as (character, class), sorted by character.
    static var dutchClassification: [(character: String, classification: String)] {
        (charset?.dutchCharacterClassification ?? [:])
            .sorted { $0.key < $1.key }
            .map { (character: $0.key, classification: $0.value) }
    }
}
