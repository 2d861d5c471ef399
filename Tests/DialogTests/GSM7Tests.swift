import Testing

@testable import Dialog

@Suite("GSM-7 alphabet")
struct GSM7Tests {
    // MARK: Fixture tables

    @Test func basicTableHas127CharactersWithoutEscape() {
        #expect(SMSEncodingVectors.basicTable.count == 127)
        #expect(!SMSEncodingVectors.basicTable.contains { $0.code == "0x1B" })
        #expect(SMSEncodingVectors.extensionTable.count == 10)
    }

    @Test(arguments: SMSEncodingVectors.basicTable.map(\.character))
    func basicCharacterIsOneSeptet(_ character: String) {
        #expect(character.unicodeScalars.count == 1)
        #expect(GSM7.isEncodable(character))
        #expect(GSM7.offendingCharacters(character).isEmpty)
        #expect(SMSSegments.analyze(character) == SMSSegmentInfo(encoding: .gsm7, units: 1, segments: 1, unitsPerSegment: [1]))
        #expect(SMSText.gsm7Safe(character) == character || character == " ")
    }

    @Test func wholeBasicTableIsOneSeptetPerCharacter() {
        let all = SMSEncodingVectors.basicTable.map(\.character).joined()
        let info = SMSSegments.analyze(all)
        #expect(info.encoding == .gsm7)
        #expect(info.units == 127)
        #expect(info.unitsPerSegment == [127])
    }

    @Test(arguments: SMSEncodingVectors.extensionTable.map(\.character))
    func extensionCharacterIsTwoSeptets(_ character: String) {
        #expect(character.unicodeScalars.count == 1)
        #expect(GSM7.isEncodable(character))
        #expect(SMSSegments.analyze(character) == SMSSegmentInfo(encoding: .gsm7, units: 2, segments: 1, unitsPerSegment: [2]))
        #expect(SMSText.gsm7Safe(character) == character)
    }

    @Test(arguments: SMSEncodingVectors.dutchClassification)
    func dutchCharacterClassification(_ character: String, _ classification: String) {
        let info = SMSSegments.analyze(character)
        switch classification {
        case "gsm7_basic":
            #expect(GSM7.isEncodable(character))
            #expect(info.encoding == .gsm7 && info.units == 1)
            #expect(GSM7.offendingCharacters(character).isEmpty)
        case "gsm7_extension_2_septets":
            #expect(GSM7.isEncodable(character))
            #expect(info.encoding == .gsm7 && info.units == 2)
            #expect(GSM7.offendingCharacters(character).isEmpty)
        case "not_gsm7_forces_ucs2":
            #expect(!GSM7.isEncodable(character))
            #expect(info.encoding == .ucs2 && info.units == 1)
            #expect(GSM7.offendingCharacters("abc" + character).map { String($0) } == [character])
            // A single such character switches a whole otherwise-GSM-7 message.
            #expect(SMSSegments.analyze("Hallo " + character + " daar").encoding == .ucs2)
        default:
            Issue.record("unknown classification \(classification) for \(character)")
        }
        let safe = SMSText.gsm7Safe(character)
        #expect(GSM7.isEncodable(safe))
        #expect(!safe.isEmpty)
    }

    @Test func dutchClassificationIsPresent() {
        #expect(SMSEncodingVectors.dutchClassification.count >= 30)
    }

    // MARK: offendingCharacters

    @Test func offendingCharactersAreUniqueInOrderOfFirstAppearance() {
        let text = "Zo’n “idee” met ideeën – ’t is € 5 😊 en nog een ’ en 😊 ë"
        #expect(GSM7.offendingCharacters(text) == ["’", "“", "”", "ë", "–", "😊"])
    }

    @Test func offendingCharactersOfGSM7TextIsEmpty() {
        #expect(GSM7.offendingCharacters("").isEmpty)
        #expect(GSM7.offendingCharacters("Café € [ok] {x} ~ ^ | \\ \u{0C} ÆØÅ ΔΩ\r\n").isEmpty)
        #expect(GSM7.isEncodable(""))
    }

    @Test func offendingCharactersKeepsEmojiClustersWhole() {
        #expect(GSM7.offendingCharacters("Gezin 👨‍👩‍👧 👍🏽") == ["👨‍👩‍👧", "👍🏽"])
    }

    @Test func decomposedAccentIsNotEncodable() {
        #expect(!GSM7.isEncodable("e\u{301}"))
        #expect(GSM7.isEncodable("\u{E9}"))
        #expect(GSM7.offendingCharacters("e\u{301}").count == 1)
    }

    // MARK: SMSText.gsm7Safe

    @Test(arguments: [
        ("zo’n", "zo'n"),
        ("ideeën", "ideeen"),
        ("Zoë 😊", "Zoe"),
        ("‘ja’ en ‚nee‘", "'ja' en 'nee'"),
        ("„Hallo”, zei ze. “Tot ziens”", "\"Hallo\", zei ze. \"Tot ziens\""),
        ("9–17 uur — echt", "9-17 uur - echt"),
        ("Wacht even…", "Wacht even..."),
        ("10\u{A0}uur", "10 uur"),
        ("naïef, reünie, ëëë", "naief, reünie, eee"),
        ("ÏJsselmeer, Ëmmen", "IJsselmeer, Emmen"),
        ("ê ô â î û á í ó ú", "e o a i u a i o u"),
        ("Ê Ô Â Î Û Á Í Ó Ú", "E O A I U A I O U"),
        ("Ça va, garçon?", "Ça va, garcon?"),
        ("crème brûlée à la café", "crème brulée à la café"),
        ("Müller, Cöln, Ñandú", "Müller, Cöln, Ñandu"),
        ("Kosten: € 2,50 [incl.] {a|b} ~ ^ \\", "Kosten: € 2,50 [incl.] {a|b} ~ ^ \\"),
        ("😊 Hoi  😊  daar 😊", "Hoi daar"),
        ("Tot ziens 👋\nGroet, 🙂 de gemeente", "Tot ziens\nGroet, de gemeente"),
        ("👨‍👩‍👧👍🏽🇳🇱", ""),
        ("ĳsbaan, Ĳmuiden", "ijsbaan, IJmuiden"),
        ("Şahin, Łukasz, Dvořák", "Sahin, Lukasz, Dvorak"),
        ("Cafe\u{301}", "Caf\u{E9}"),
        ("e\u{308}", "e"),
        ("regel 1\r\nregel 2", "regel 1\r\nregel 2"),
        ("a\tb", "a b"),
        ("", "")
    ])
    func gsm7Safe(_ input: String, _ expected: String) {
        let safe = SMSText.gsm7Safe(input)
        // Compare scalars so that "é" and "e" + U+0301 do not count as equal.
        #expect(Array(safe.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(GSM7.isEncodable(safe))
    }

    static let messySamples: [String] = [
        "Herinnering: morgen om 09:00 uw afspraak bij het Stadskantoor.",
        "Let op: de afvalinzameling is zo’n 2 uur later door de storm. Excuses voor het ongemak.",
        "Uw aanmelding voor de ideeën-avond is ontvangen. Tot donderdag! 🎉",
        "  „Zoë” 😊  – ‘ja’…  \n  👍🏽 reünie  \u{A0}\u{A0}ok  ",
        "Café € [1] {2} | ~ ^ \\ \u{0C} ΔΦΓ ¿¡ ÆØÅ",
        "e\u{301}e\u{308}o\u{302} 🇳🇱 👨‍👩‍👧 1️⃣ ❤️ ™ © ° ½ ×",
        "   ",
        "😊😊😊",
        "\n\n  \r\n "
    ]

    @Test(arguments: messySamples)
    func gsm7SafeIsEncodableAndIdempotent(_ input: String) {
        let once = SMSText.gsm7Safe(input)
        #expect(GSM7.isEncodable(once))
        #expect(GSM7.offendingCharacters(once).isEmpty)
        #expect(SMSSegments.analyze(once).encoding == .gsm7)
        let twice = SMSText.gsm7Safe(once)
        #expect(Array(twice.unicodeScalars) == Array(once.unicodeScalars))
    }

    @Test(arguments: [
        0x00...0x024F,  // Basic Latin through Latin Extended-B
        0x0370...0x03FF,  // Greek
        0x2000...0x206F,  // General Punctuation
        0x20A0...0x20CF,  // Currency symbols
        0x1F300...0x1F64F  // Emoji
    ])
    func gsm7SafeOfEveryScalarInRangeIsEncodable(_ range: ClosedRange<Int>) {
        let scalars = range.compactMap(Unicode.Scalar.init).map(String.init)
        for scalar in scalars {
            let safe = SMSText.gsm7Safe(scalar)
            #expect(GSM7.isEncodable(safe), "\(scalar.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let all = scalars.joined(separator: " ")
        let safe = SMSText.gsm7Safe(all)
        #expect(GSM7.isEncodable(safe))
        #expect(SMSText.gsm7Safe(safe) == safe)
    }

    @Test(arguments: SMSEncodingVectors.segmentVectors)
    func gsm7SafeFixesFixtureTexts(_ vector: SMSEncodingVectors.Vector) throws {
        let text = try #require(vector.text)
        let safe = SMSText.gsm7Safe(text)
        #expect(GSM7.isEncodable(safe))
        if GSM7.isEncodable(text) {
            #expect(safe == text)
        }
    }

    /// A text whose every scalar is GSM-7 takes a short cut; it must give what converting each
    /// character would (the ASCII septet table agrees with the sets it is made from, too).
    @Test func theShortCutForGSM7TextGivesWhatEachCharacterWould() {
        for value in 0..<128 {
            let scalar = Unicode.Scalar(UInt8(value))
            let expected = GSM7Alphabet.basicTable.contains(scalar) ? 1 : GSM7Alphabet.extensionTable.contains(scalar) ? 2 : nil
            #expect(GSM7Alphabet.septets(scalar) == expected, "U+\(String(value, radix: 16))")
        }
        let pieces = ["Hoi", " ", "  ", "\n", "\r\n", "€", "{x}", "é", "e\u{301}", "ü", "Ç", "[1]", "~", "\t", "'", "\"", "ß", "\u{0C}"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let eachCharacter = SMSText.collapsingSpaces(text.map(SMSText.gsm7Equivalent).joined())
            #expect(SMSText.gsm7Safe(text) == eachCharacter, "\(text.debugDescription)")
        }
    }

    /// Texts with no space to drop are returned as they are; every other text must come out as
    /// each line trimmed and its runs of spaces made one.
    @Test func collapsingSpacesTrimsEachLineAndJoinsRuns() {
        func reference(_ text: String) -> String {
            var out = ""
            var line = String.UnicodeScalarView()
            func flush() {
                out += String(line).split(separator: " ").joined(separator: " ")
                line = String.UnicodeScalarView()
            }
            for scalar in text.unicodeScalars {
                if scalar == "\n" || scalar == "\r" {
                    flush()
                    out.unicodeScalars.append(scalar)
                } else {
                    line.append(scalar)
                }
            }
            flush()
            return out
        }
        let pieces = ["a", "Hoi", " ", "  ", "\n", "\r\n", "\t", "é", "€", "😀"]
        var rng = SystemRandomNumberGenerator()
        var unchanged = 0
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let collapsed = SMSText.collapsingSpaces(text)
            #expect(collapsed == reference(text), "\(text.debugDescription)")
            if collapsed == text { unchanged += 1 }
        }
        // Both ways through the function were taken.
        #expect(unchanged > 100 && unchanged < 4_900)
    }
}
