/// The checks of `flows check` on the sociale kaart that need the flows or concern the wording:
/// every leefgebied is one the flows ask about, a description is one line of at most
/// `maxDescription` characters in GSM-7, and there is a way to get in touch.
public enum SocialMapChecker {
    /// One SMS segment: a description is offered next to another in one message.
    public static let maxDescription = 160
    /// The flows' list whose keys a voorziening's leefgebieden must be.
    public static let leefgebiedenList = "leefgebieden"

    public static func check(_ library: FlowLibrary) -> [FlowError] {
        var known: Set<String> = []
        for flow in library.flows.values { known.formUnion(flow.lists[leefgebiedenList] ?? []) }
        return library.socialMap.voorzieningen.flatMap { check($0, leefgebieden: known) }
    }

    static func check(_ voorziening: Voorziening, leefgebieden known: Set<String>) -> [FlowError] {
        var errors: [FlowError] = []
        func error(_ line: Int, _ message: String) {
            errors.append(FlowError(file: voorziening.file, line: line, message: "voorziening '\(voorziening.id)': \(message)"))
        }
        let list = known.isEmpty ? "no flow has a list '\(leefgebiedenList)'" : "known: \(known.sorted().joined(separator: ", "))"
        for (index, key) in voorziening.leefgebieden.enumerated() where !known.contains(key) {
            let line = index < voorziening.lines.leefgebieden.count ? voorziening.lines.leefgebieden[index] : voorziening.line
            error(line, "unknown leefgebied '\(key)' (\(list))")
        }
        for language in Language.allCases {
            if let name = voorziening.name[language] {
                let bad = GSM7.offendingCharacters(name)
                if !bad.isEmpty {
                    error(
                        voorziening.lines.name[language] ?? voorziening.line,
                        "naam (\(language.rawValue)) is not GSM-7 for SMS: \(quoted(bad))")
                }
            }
            guard let text = voorziening.description[language] else { continue }
            let line = voorziening.lines.description[language] ?? voorziening.line
            if text.count > maxDescription {
                error(line, "omschrijving (\(language.rawValue)) has \(text.count) characters, more than \(maxDescription)")
            }
            if text.contains(where: \.isNewline) { error(line, "omschrijving (\(language.rawValue)) is more than one line") }
            let bad = GSM7.offendingCharacters(text)
            if !bad.isEmpty { error(line, "omschrijving (\(language.rawValue)) is not GSM-7 for SMS: \(quoted(bad))") }
        }
        if voorziening.phone == nil && voorziening.website == nil {
            error(voorziening.line, "needs a 'telefoon' or a 'website', so an inwoner can get in touch")
        }
        if let website = voorziening.website, !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
            error(voorziening.lines.website ?? voorziening.line, "website '\(website)' must start with https://")
        }
        return errors
    }

    private static func quoted(_ characters: [Character]) -> String {
        characters.map { "'\($0)'" }.joined(separator: " ")
    }
}
