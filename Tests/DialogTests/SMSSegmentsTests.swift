import Foundation
import Testing

@testable import Dialog

@Suite("SMS segments")
struct SMSSegmentsTests {
    // MARK: Fixture vectors

    @Test func fixtureLoads() throws {
        let vectors = try SMSEncodingVectors.load()
        #expect(vectors.filter { $0.kind == "sms_segments" }.count >= 6)
        #expect(SMSEncodingVectors.charset != nil)
    }

    @Test(arguments: SMSEncodingVectors.segmentVectors)
    func fixtureVector(_ vector: SMSEncodingVectors.Vector) throws {
        let text = try #require(vector.text)
        let info = SMSSegments.analyze(text)
        #expect(info.encoding.rawValue == vector.expectedEncoding)
        #expect(info.encoding == SMSEncoding(rawValue: try #require(vector.expectedEncoding)))
        #expect(info.units == vector.expectedUnits)
        #expect(info.segments == vector.expectedSegments)
        #expect(info.unitsPerSegment == vector.expectedUnitsPerSegment)
        #expect(text.unicodeScalars.count == vector.unicodeCodePoints)

        let offending = GSM7.offendingCharacters(text).map { String($0) }
        #expect(offending == vector.charactersForcingUCS2)
        #expect(GSM7.isEncodable(text) == (info.encoding == .gsm7))

        if info.encoding == .gsm7 {
            let twoSeptets = text.filter { SMSSegments.analyze(String($0)).units == 2 }.map { String($0) }
            #expect(twoSeptets == vector.extensionCharacters)
        }
    }

    @Test func fixtureSegmentLimits() throws {
        let limits = try #require(SMSEncodingVectors.charset?.segmentLimits)
        #expect(SMSEncoding.gsm7.singleSegmentLimit == limits.gsm7Single)
        #expect(SMSEncoding.gsm7.multipartSegmentLimit == limits.gsm7MultipartPerSegment)
        #expect(SMSEncoding.ucs2.singleSegmentLimit == limits.ucs2Single)
        #expect(SMSEncoding.ucs2.multipartSegmentLimit == limits.ucs2MultipartPerSegment)
    }

    @Test func encodingRawValuesAndCoding() throws {
        #expect(SMSEncoding.gsm7.rawValue == "GSM-7")
        #expect(SMSEncoding.ucs2.rawValue == "UCS-2")
        let json = try JSONEncoder().encode([SMSEncoding.gsm7, .ucs2])
        #expect(String(decoding: json, as: UTF8.self) == #"["GSM-7","UCS-2"]"#)
        #expect(try JSONDecoder().decode([SMSEncoding].self, from: json) == [.gsm7, .ucs2])
    }

    // MARK: Empty and small texts

    @Test func emptyTextHasNoSegments() {
        #expect(SMSSegments.analyze("") == SMSSegmentInfo(encoding: .gsm7, units: 0, segments: 0, unitsPerSegment: []))
    }

    @Test func singleCharacters() {
        #expect(SMSSegments.analyze("a") == SMSSegmentInfo(encoding: .gsm7, units: 1, segments: 1, unitsPerSegment: [1]))
        #expect(SMSSegments.analyze("€") == SMSSegmentInfo(encoding: .gsm7, units: 2, segments: 1, unitsPerSegment: [2]))
        #expect(SMSSegments.analyze("ë") == SMSSegmentInfo(encoding: .ucs2, units: 1, segments: 1, unitsPerSegment: [1]))
        #expect(SMSSegments.analyze("😊") == SMSSegmentInfo(encoding: .ucs2, units: 2, segments: 1, unitsPerSegment: [2]))
    }

    @Test func crlfCountsTwoSeptets() {
        // "\r\n" is one Swift Character but two GSM-7 characters.
        #expect(SMSSegments.analyze("a\r\nb").units == 4)
    }

    @Test func decomposedAccentForcesUCS2() {
        // Encoding works on code points: "e" + COMBINING ACUTE is not the GSM-7 "é".
        let info = SMSSegments.analyze("Cafe\u{301}")
        #expect(info.encoding == .ucs2)
        #expect(info.units == 5)
        #expect(SMSSegments.analyze("Caf\u{E9}").encoding == .gsm7)
    }

    // MARK: GSM-7 boundaries

    @Test(arguments: [
        (153, [153]),
        (154, [154]),
        (159, [159]),
        (160, [160]),
        (161, [153, 8]),
        (305, [153, 152]),
        (306, [153, 153]),
        (307, [153, 153, 1]),
        (459, [153, 153, 153]),
        (460, [153, 153, 153, 1])
    ])
    func gsm7Boundaries(septets: Int, parts: [Int]) {
        let info = SMSSegments.analyze(String(repeating: "a", count: septets))
        #expect(info == SMSSegmentInfo(encoding: .gsm7, units: septets, segments: parts.count, unitsPerSegment: parts))
    }

    @Test func extensionCharacterAt153rdSeptetIsNotSplit() {
        // 152 septets, then "€" (escape at septet 153, code at 154): it moves to part 2 whole.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 10)
        let info = SMSSegments.analyze(text)
        #expect(info.encoding == .gsm7)
        #expect(info.units == 164)
        #expect(info.unitsPerSegment == [152, 12])
        #expect(info.segments == 2)
    }

    @Test func extensionCharacterEndingExactlyAt153Fits() {
        let text = String(repeating: "a", count: 151) + "]" + String(repeating: "b", count: 10)
        #expect(SMSSegments.analyze(text).unitsPerSegment == [153, 10])
    }

    @Test func extensionCharactersOnly() {
        // 80 × "{" = 160 septets: one SMS. 81 × = 162: 76 per part (152), the 77th would split.
        #expect(SMSSegments.analyze(String(repeating: "{", count: 80)).unitsPerSegment == [160])
        #expect(SMSSegments.analyze(String(repeating: "{", count: 81)).unitsPerSegment == [152, 10])
    }

    @Test func extensionCharacterPushesPast160() {
        // 159 basic + "|" = 161 septets, like the fixture's € case.
        let info = SMSSegments.analyze(String(repeating: "x", count: 159) + "|")
        #expect(info.unitsPerSegment == [153, 8])
    }

    // MARK: UCS-2 boundaries

    @Test(arguments: [
        (67, [67]),
        (70, [70]),
        (71, [67, 4]),
        (134, [67, 67]),
        (135, [67, 67, 1])
    ])
    func ucs2Boundaries(units: Int, parts: [Int]) {
        let text = "ë" + String(repeating: "a", count: units - 1)
        let info = SMSSegments.analyze(text)
        #expect(info == SMSSegmentInfo(encoding: .ucs2, units: units, segments: parts.count, unitsPerSegment: parts))
    }

    @Test func emojiAtPartBoundaryIsNotSplit() {
        // 66 units, then a surrogate pair that would occupy units 67-68: it moves to part 2 whole.
        let text = "ë" + String(repeating: "a", count: 65) + "😊" + String(repeating: "b", count: 10)
        let info = SMSSegments.analyze(text)
        #expect(info.encoding == .ucs2)
        #expect(info.units == 78)
        #expect(info.unitsPerSegment == [66, 12])
    }

    @Test func emojiEndingExactlyAtPartBoundaryFits() {
        let text = String(repeating: "a", count: 65) + "😊" + String(repeating: "b", count: 10)
        #expect(SMSSegments.analyze(text).unitsPerSegment == [67, 10])
    }

    @Test func emojiOnly() {
        // 35 emoji = 70 units: one SMS. 36 = 72 units: 33 emoji (66 units) per part.
        #expect(SMSSegments.analyze(String(repeating: "😊", count: 35)).unitsPerSegment == [70])
        #expect(SMSSegments.analyze(String(repeating: "😊", count: 36)).unitsPerSegment == [66, 6])
    }

    @Test func ucs2CountsExtensionCharactersAsOneUnit() {
        // In UCS-2 "€" is one UTF-16 unit; only GSM-7 needs the escape.
        let info = SMSSegments.analyze("€ ë")
        #expect(info.encoding == .ucs2)
        #expect(info.units == 3)
    }

    // MARK: Invariants

    @Test(arguments: [
        "",
        "Hallo",
        String(repeating: "Afspraak € [ok] ", count: 30),
        String(repeating: "Zoë 😊 👨‍👩‍👧 ", count: 20),
        String(repeating: "\r\n{}", count: 100)
    ])
    func partsAddUp(_ text: String) {
        let info = SMSSegments.analyze(text)
        #expect(info.unitsPerSegment.reduce(0, +) == info.units)
        #expect(info.unitsPerSegment.count == info.segments)
        let limit = info.segments > 1 ? info.encoding.multipartSegmentLimit : info.encoding.singleSegmentLimit
        #expect(info.unitsPerSegment.allSatisfy { $0 > 0 && $0 <= limit })
        if info.encoding == .ucs2 {
            #expect(info.units == text.utf16.count)
        }
    }

    /// The byte-counting path for ASCII texts answers as the scalar path does, for every ASCII
    /// byte (GSM-7 basic, extension, and not GSM-7 at all) and mixed with a few non-ASCII ones.
    @Test func asciiPathAgreesWithScalarPath() {
        var generator = SystemRandomNumberGenerator()
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        let other: [Character] = ["é", "€", "😊", "’", "ë"]
        for round in 0..<3_000 {
            let length = Int.random(in: 0...200, using: &generator)
            var text = String((0..<length).map { _ in ascii.randomElement(using: &generator)! })
            if round % 5 == 0, !text.isEmpty { text.insert(other.randomElement(using: &generator)!, at: text.startIndex) }
            #expect(SMSSegments.analyze(text) == SMSSegments.analyzeScalars(text), "\(text.debugDescription)")
            #expect(GSM7.isEncodable(text) == text.unicodeScalars.allSatisfy(GSM7Alphabet.contains))
            #expect((GSM7Alphabet.asciiSeptets(of: text) != nil) == (text.utf8.allSatisfy { $0 < 0x80 } && GSM7.isEncodable(text)))
        }
    }
}
