extension SocialMap {
    /// The list whose option `x` is voorziening `x`, labelled "name: what it offers".
    public static let offerList = "voorziening"
    /// Option `x` of this list is labelled with the name alone.
    public static let nameList = "voorziening_naam"
    /// Option `x` of this list is labelled with how to get in touch: phone, opening hours, website.
    public static let contactList = "voorziening_contact"

    /// The map's own words as texts of the catalog, per voorziening in every language: the flows
    /// show a voorziening as they show any option, and a text can say `{keuze.naam}`.
    public func catalogEntries() -> [String: Catalog.Entry] {
        var entries: [String: Catalog.Entry] = [:]
        for v in voorzieningen {
            let file = v.file
            var offer: [Language: String] = [:]
            var name: [Language: String] = [:]
            var contact: [Language: String] = [:]
            for language in Language.allCases {
                let shownName = v.name[language] ?? v.name[.nl] ?? v.id
                name[language] = shownName
                offer[language] = [shownName, v.description[language] ?? v.description[.nl]].compactMap { $0 }.joined(separator: ": ")
                contact[language] = [v.phone, v.openingHours[language] ?? v.openingHours[.nl], v.website].compactMap { $0 }
                    .joined(separator: ", ")
            }
            entries["\(Self.offerList).\(v.id)"] = Catalog.Entry(texts: offer, file: file, line: v.line)
            entries["\(Self.nameList).\(v.id)"] = Catalog.Entry(texts: name, file: file, line: v.line)
            entries["\(Self.contactList).\(v.id)"] = Catalog.Entry(texts: contact, file: file, line: v.line)
        }
        return entries
    }
}

extension Voorziening {
    /// The voorziening as an offer in a conversation: `label` (name and what it offers), `naam`,
    /// `contact`, whether a `verwijzing` is needed, and its `id`.
    public var offer: Value {
        .record([
            "id": .text(id),
            "label": .option(list: SocialMap.offerList, key: id),
            "naam": .option(list: SocialMap.nameList, key: id),
            "contact": .option(list: SocialMap.contactList, key: id),
            "verwijzing": .bool(referral)
        ])
    }
}
