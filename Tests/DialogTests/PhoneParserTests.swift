import Foundation
import Testing

@testable import Dialog

struct PhoneParserTests {
    static let dutchOnly: [(String, PhoneParse)] = [
        ("0612345678", .valid("+31612345678")), ("06-12345678", .valid("+31612345678")),
        ("06 1234 5678", .valid("+31612345678")), ("06.12.34.56.78", .valid("+31612345678")),
        ("(06) 12345678", .valid("+31612345678")), ("06/12345678", .valid("+31612345678")),
        ("+31612345678", .valid("+31612345678")), ("+31 6 12345678", .valid("+31612345678")),
        ("+31(0)612345678", .valid("+31612345678")), ("+31 (0)6 1234 5678", .valid("+31612345678")),
        ("+310612345678", .valid("+31612345678")), ("0031612345678", .valid("+31612345678")),
        ("0031 (0)6 12345678", .valid("+31612345678")), ("31612345678", .valid("+31612345678")),
        ("0687654321", .valid("+31687654321")), ("0651234567", .valid("+31651234567")),
        // Not a mobile: pagers, 067, machine-to-machine, landlines, service numbers.
        ("0661234567", .notMobile), ("0671234567", .notMobile), ("0970 1234 5678", .notMobile),
        ("020-1234567", .notMobile), ("010 123 4567", .notMobile), ("+31201234567", .notMobile),
        ("0800-1234", .notMobile), ("0900-1234567", .notMobile),
        // Invalid
        ("061234567", .invalid), ("06123456789", .invalid), ("", .invalid), ("abc", .invalid),
        ("06-1234567a", .invalid), ("+32470123456", .invalid), ("0049301234567", .invalid),
        ("612345678", .invalid), ("+", .invalid)
    ]

    @Test(arguments: dutchOnly)
    func normalizeDutch(input: String, expected: PhoneParse) {
        #expect(PhoneParser.normalize(input) == expected)
    }

    static let international: [(String, PhoneParse)] = [
        ("+32470123456", .valid("+32470123456")), ("0049 30 1234567", .valid("+49301234567")),
        ("+1 (555) 123-4567", .valid("+15551234567")), ("0612345678", .valid("+31612345678")),
        ("0201234567", .notMobile), ("+0612345678", .invalid), ("+491234", .invalid),
        ("+1234567890123456", .invalid)
    ]

    @Test(arguments: international)
    func normalizeInternational(input: String, expected: PhoneParse) {
        #expect(PhoneParser.normalize(input, allowInternational: true) == expected)
    }

    static let displays: [(String, String)] = [
        ("+31612345678", "06-12345678"), ("+32470123456", "+32470123456"), ("+15551234567", "+15551234567")
    ]

    @Test(arguments: displays)
    func display(e164: String, expected: String) {
        #expect(PhoneParser.display(e164) == expected)
    }
}

/// A phone question asks for someone else's number: the person's own is read back as a slip.
@Suite struct OwnPhoneTests {
    @Test func theOwnNumberIsRefusedAnyOtherTaken() throws {
        let library = DefaultFlows.library
        let reader = AnswerReader(lexicon: library.lexicon, now: Date(), calendar: .current, ownPhone: "+31612345678")
        let spec = AnswerSpec(type: .phone, allowUnknown: true)
        #expect(reader.read("06 12345678", spec) == .retry("system.own_phone", [:]))
        #expect(reader.read("+31 6 1234 5678", spec) == .retry("system.own_phone", [:]))
        #expect(reader.read("06 23456789", spec) == .value(.text("+31623456789")))
        #expect(reader.read("nee", spec) == .value(.none))
        #expect(library.catalog.has("system.own_phone"))
    }
}
