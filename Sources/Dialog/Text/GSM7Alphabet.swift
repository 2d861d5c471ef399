/// The GSM 03.38 default alphabet and its extension table, at the level of Unicode scalars.
///
/// Code 0x1B is the escape to the extension table, not a character, so the basic table holds
/// 127 characters. Each extension character is sent as the escape plus one code: 2 septets.
enum GSM7Alphabet {
    /// Basic table in code order 0x00...0x7F, without 0x1B.
    static let basicCharacters: String =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ"  // 0x00-0x1A
        + "ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"  // 0x1C-0x3F
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"  // 0x40-0x5F
        + "¿abcdefghijklmnopqrstuvwxyzäöñüà"  // 0x60-0x7F

    /// Extension table: form feed, ^ { } \ [ ~ ] | and €.
    static let extensionCharacters: String = "\u{0C}^{}\\[~]|€"

    static let basicTable: Set<Unicode.Scalar> = Set(basicCharacters.unicodeScalars)
    static let extensionTable: Set<Unicode.Scalar> = Set(extensionCharacters.unicodeScalars)

    /// Septets of every ASCII scalar (0 when not in GSM-7): nearly every text is ASCII, and a set
    /// lookup per character was a visible part of queueing a reply.
    static let asciiSeptets: [UInt8] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return basicTable.contains(scalar) ? 1 : extensionTable.contains(scalar) ? 2 : 0
    }

    /// Septets needed for `scalar`, or nil when it is not in GSM-7 at all.
    static func septets(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.isASCII {
            let septets = asciiSeptets[Int(scalar.value)]
            return septets == 0 ? nil : Int(septets)
        }
        if basicTable.contains(scalar) { return 1 }
        if extensionTable.contains(scalar) { return 2 }
        return nil
    }

    /// The septets of a text that is all ASCII and all GSM-7, counted from its bytes; nil for any
    /// other text. Nearly every text is such, and decoding scalars was most of the cost.
    static func asciiSeptets(of text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            var total = 0
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let septets = asciiSeptets[Int(byte)]
                guard septets != 0 else { return nil }
                total += Int(septets)
            }
            return total
        }
    }

    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        septets(scalar) != nil
    }

    /// Every GSM-7 character, keyed by itself. `Character` equality is canonical equivalence,
    /// so a lookup with a decomposed form ("e" + U+0301) finds the precomposed GSM-7 one ("é").
    static let canonicalCharacters: [Character: Character] = {
        var table: [Character: Character] = [:]
        for scalar in (basicCharacters + extensionCharacters).unicodeScalars {
            table[Character(scalar)] = Character(scalar)
        }
        return table
    }()
}
