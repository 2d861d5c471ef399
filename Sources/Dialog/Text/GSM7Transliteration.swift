/// Replacements for characters outside GSM-7 that have a close GSM-7 equivalent.
///
/// Only characters that are *not* GSM-7 are listed: é è à ö ü ä ñ ì ò ù Ç and the like stay
/// as they are. Every replacement is itself GSM-7 (checked by the tests).
enum GSM7Transliteration {
    /// Groups of characters and the text each of them becomes.
    static let groups: [(characters: String, replacement: String)] = [
        // Punctuation that autocorrect and word processors produce.
        ("‘’‚‛′`´‹›", "'"),
        ("“”„‟″«»", "\""),
        ("‐‑‒–—―−", "-"),
        ("…", "..."),
        ("•", "-"),
        // Spaces: tab, no-break, typographic and narrow spaces.
        ("\t\u{A0}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{202F}\u{205F}\u{3000}", " "),
        // Letters with diacritics outside GSM-7.
        ("áâãāăą", "a"), ("ÀÁÂÃĀĂĄ", "A"),
        ("çćčĉċ", "c"), ("ĆČĈĊ", "C"),
        ("ďđð", "d"), ("ĎĐÐ", "D"),
        ("êëēėęěĕ", "e"), ("ÈÊËĒĖĘĚĔ", "E"),
        ("ğĝġģ", "g"), ("ĞĜĠĢ", "G"),
        ("íîïīįĭıĩ", "i"), ("ÌÍÎÏĪĮĬİĨ", "I"),
        ("ķ", "k"), ("Ķ", "K"),
        ("łľĺļ", "l"), ("ŁĽĹĻ", "L"),
        ("ńňņ", "n"), ("ŃŇŅ", "N"),
        ("óôõōőŏ", "o"), ("ÒÓÔÕŌŐŎ", "O"),
        ("řŕŗ", "r"), ("ŘŔŖ", "R"),
        ("śšşșŝ", "s"), ("ŚŠŞȘŜ", "S"),
        ("ťţț", "t"), ("ŤŢȚ", "T"),
        ("úûūůűųŭũ", "u"), ("ÙÚÛŪŮŰŲŬŨ", "U"),
        ("ýÿŷ", "y"), ("ÝŸŶ", "Y"),
        ("źżž", "z"), ("ŹŻŽ", "Z"),
        ("ĳ", "ij"), ("Ĳ", "IJ"),
        ("œ", "oe"), ("Œ", "OE"),
        ("þ", "th"), ("Þ", "TH")
    ]

    static let table: [Character: String] = {
        var table: [Character: String] = [:]
        for group in groups {
            for character in group.characters {
                table[character] = group.replacement
            }
        }
        return table
    }()

    /// The GSM-7 replacement for `character`, or nil when there is none.
    static func replacement(for character: Character) -> String? {
        table[character]
    }
}
