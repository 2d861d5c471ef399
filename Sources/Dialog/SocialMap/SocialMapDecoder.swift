/// Reads `voorzieningen.yaml`, a gemeente's sociale kaart, into a `SocialMap`. Every error names the
/// file and the line. What depends on the flows (do the leefgebieden exist?) and the rules for the
/// wording and contact are checked by `flows check` (`SocialMapChecker`), so that one run lists them all.
///
///     voorbeeld: true                              # the shipped, fictitious set
///     voorzieningen:
///       buurthuis:                                 # the id
///         naam: Buurthuis De Linde                 # or {nl: ..., en: ...}
///         soort: [relationeel, informatief]        # informatief, materieel, financieel, relationeel
///         leefgebieden: [mensen, meedoen]          # keys of the flows' list `leefgebieden`
///         omschrijving: {nl: "...", en: "..."}     # one line in B1, in every language
///         telefoon: 020-1234567                    # telefoon and website: at least one of them
///         adres: Lindeplein 1, Voorbeeldstad
///         openingstijden: {nl: "...", en: "..."}   # or one text for every language
///         website: https://buurthuis.example.org
///         gratis: true
///         verwijzing: false
///         wederkerigheid: true                     # optional: inwoners can do something for others here
public enum SocialMapDecoder {
    static let keys: Set<String> = [
        "naam", "soort", "leefgebieden", "omschrijving", "telefoon", "adres", "openingstijden", "website", "gratis", "verwijzing",
        "wederkerigheid"
    ]

    public static func decode(_ text: String, file: String) throws(FlowError) -> SocialMap {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.fields(allowed: ["voorbeeld", "voorzieningen"])
        var isExample = false
        if let node = top["voorbeeld"] { isExample = try boolean(node, "voorbeeld") }
        guard let list = top["voorzieningen"] else {
            throw root.error("missing 'voorzieningen' (the voorzieningen by id; {} for none)")
        }
        var voorzieningen: [Voorziening] = []
        // An id used twice is refused by the YAML reader already, at the line of the first.
        for (id, keyNode, value) in try list.entries() {
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw keyNode.error("voorziening id '\(id)' may only hold letters, digits and _")
            }
            do throws(FlowError) {
                voorzieningen.append(try voorziening(id, at: keyNode, value, file: file))
            } catch {
                throw FlowError(file: error.file, line: error.line, message: "voorziening '\(id)': \(error.message)")
            }
        }
        return SocialMap(voorzieningen: voorzieningen, isExample: isExample, file: file)
    }

    private static func voorziening(_ id: String, at keyNode: YAMLNode, _ node: YAMLNode, file: String) throws(FlowError) -> Voorziening {
        let f = try node.fields(allowed: keys)
        func required(_ key: String, _ what: String) throws(FlowError) -> YAMLNode {
            guard let value = f[key] else { throw node.error("missing '\(key)' (\(what))") }
            return value
        }
        var lines = Voorziening.Lines(entry: keyNode.line)

        let (name, nameLines) = try texts(try required("naam", "the name"), "naam", oneForAll: true)
        lines.name = nameLines
        let (description, descriptionLines) = try texts(
            try required("omschrijving", "one line in B1, in every language"), "omschrijving", oneForAll: false)
        lines.description = descriptionLines

        var kinds: [ResourceKind] = []
        for item in try required("soort", allKinds).list() {
            let word = try item.string()
            guard let kind = ResourceKind(rawValue: word) else { throw item.error("unknown soort '\(word)' (known: \(allKinds))") }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        if kinds.isEmpty { throw node.error("'soort' needs at least one of \(allKinds)") }

        var leefgebieden: [String] = []
        for item in try required("leefgebieden", "keys of the flows' list 'leefgebieden'").list() {
            let key = try item.string()
            guard !key.isEmpty else { throw item.error("an empty leefgebied") }
            guard !leefgebieden.contains(key) else { continue }
            leefgebieden.append(key)
            lines.leefgebieden.append(item.line)
        }
        if leefgebieden.isEmpty { throw node.error("'leefgebieden' needs at least one leefgebied") }

        var openingHours: [Language: String] = [:]
        if let hours = f["openingstijden"] { openingHours = try texts(hours, "openingstijden", oneForAll: true).texts }
        let website = try optional(f["website"], "website")
        lines.website = f["website"]?.line
        // Optional: only the places where inwoners can do something for others say so.
        var reciprocity = false
        if let node = f["wederkerigheid"] { reciprocity = try boolean(node, "wederkerigheid") }

        return Voorziening(
            id: id, name: name, kinds: kinds, leefgebieden: leefgebieden, description: description,
            phone: try optional(f["telefoon"], "telefoon"), address: try optional(f["adres"], "adres"),
            openingHours: openingHours, website: website,
            free: try boolean(try required("gratis", "true or false"), "gratis"),
            referral: try boolean(try required("verwijzing", "true or false"), "verwijzing"),
            reciprocity: reciprocity,
            file: file, lines: lines)
    }

    private static var allKinds: String { ResourceKind.allCases.map(\.rawValue).joined(separator: ", ") }

    /// A text in every language (`{nl: ..., en: ...}`), or, where `oneForAll`, one text for all of them.
    private static func texts(_ node: YAMLNode, _ key: String, oneForAll: Bool) throws(FlowError) -> (
        texts: [Language: String], lines: [Language: Int]
    ) {
        var texts: [Language: String] = [:]
        var lines: [Language: Int] = [:]
        if node.isScalar {
            guard oneForAll else { throw node.error("'\(key)' is written in every language: {nl: ..., en: ...}") }
            let text = try nonEmpty(node, "'\(key)'")
            for language in Language.allCases {
                texts[language] = text
                lines[language] = node.line
            }
            return (texts, lines)
        }
        let f = try node.fields(allowed: Set(Language.allCases.map(\.rawValue)))
        for language in Language.allCases {
            guard let value = f[language.rawValue] else { throw node.error("'\(key)' has no \(language.rawValue) version") }
            texts[language] = try nonEmpty(value, "'\(key)' (\(language.rawValue))")
            lines[language] = value.line
        }
        return (texts, lines)
    }

    private static func optional(_ node: YAMLNode?, _ key: String) throws(FlowError) -> String? {
        guard let node else { return nil }
        return try nonEmpty(node, "'\(key)'")
    }

    private static func nonEmpty(_ node: YAMLNode, _ what: String) throws(FlowError) -> String {
        let text = try node.string()
        guard !text.allSatisfy(\.isWhitespace) else { throw node.error("\(what) is empty; leave the key out when there is nothing to say") }
        return text
    }

    /// True or false (as in the flow files, also yes/ja and no/nee), and nothing else: `gratis: soms`
    /// must not pass as either.
    private static func boolean(_ node: YAMLNode, _ key: String) throws(FlowError) -> Bool {
        let word = try node.string()
        switch word {
        case "true", "yes", "ja": return true
        case "false", "no", "nee": return false
        default: throw node.error("'\(key)' is true or false, not '\(word)'")
        }
    }
}
