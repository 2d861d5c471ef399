import Dialog
import Foundation
import Testing

/// The sociale kaart in the conversation: `find: voorzieningen` offers at most two that fit the
/// leefgebied and the help that is lacking, under an open question, in the inwoner's language;
/// a short answer that names one takes it, anything longer is the inwoner's own words.
struct SocialMapOfferTests {
    static let flow = """
        flow: levenskracht
        version: 1
        start: zoek
        nodes:
          - id: zoek
            actions:
              - set: {aanbod: []}
              - find: voorzieningen
                leefgebied: lg
                kinds: soorten
                into: aanbod
            next: stap
          - id: stap
            ask: t.stap
            answer: {type: text, max_length: 200, options: [{items: aanbod, label: label}]}
            save: wat
            when:
              - {if: wat.id, go: gekozen}
            next: eigen
          - id: gekozen
            actions:
              - set: {wat_tekst: {text: t.contact}}
            end: t.gekozen
          - id: eigen
            end: t.eigen
        """

    static let texts = """
        t.stap: {nl: "Wat is een eerste stap?", en: "What is a first step?"}
        t.contact: {nl: "Contact met {wat.naam}", en: "Contact with {wat.naam}"}
        t.gekozen: {nl: "Genoteerd: {wat_tekst}. {wat.contact}", en: "Noted: {wat_tekst}. {wat.contact}"}
        t.eigen: {nl: "Genoteerd: {wat}", en: "Noted: {wat}"}
        """

    static let map = """
        voorzieningen:
          geldmaatje:
            naam: Geldmaatje Voorbeeldstad
            soort: [relationeel, informatief]
            leefgebieden: [geld]
            omschrijving: {nl: "Een vrijwilliger helpt met je post.", en: "A volunteer helps with your post."}
            telefoon: 020-1234502
            gratis: true
            verwijzing: false
          voedselbank:
            naam: Voedselbank Voorbeeldstad
            soort: [materieel]
            leefgebieden: [geld]
            omschrijving: {nl: "Een pakket met eten.", en: "A food parcel."}
            telefoon: 020-1234503
            openingstijden: {nl: "vrijdag 13.00-16.00", en: "Friday 1pm-4pm"}
            gratis: true
            verwijzing: true
          huurteam:
            naam: Huurteam
            soort: [informatief]
            leefgebieden: [geld, wonen]
            omschrijving: {nl: "Advies over je huur.", en: "Advice about your rent."}
            website: https://huurteam.example.org
            gratis: true
            verwijzing: false
        """

    static func engine() throws -> Engine {
        let files = try DefaultFlows.files().filter { !$0.name.hasSuffix(".flow.yaml") && $0.name != SocialMap.fileName }
        let library = try FlowLibrary(
            files: files + [("levenskracht.flow.yaml", flow), ("t.texts.yaml", texts), (SocialMap.fileName, map)])
        return try #require(library.engine())
    }

    static func start(lg: String, kinds: [ResourceKind], language: Language = .nl) throws -> (Engine, Transition) {
        let engine = try engine()
        var state = engine.newConversation(language: language)
        state.vars["lg"] = .option(list: "leefgebieden", key: lg)
        state.vars["soorten"] = .list(kinds.map { .option(list: ResourceReader.list, key: $0.rawValue) })
        return (engine, engine.advance(state, with: .begin, at: Date(timeIntervalSince1970: 0)))
    }

    @Test func atMostTwoFittingOffersAreListedUnderTheQuestionInFileOrder() throws {
        let (_, shown) = try Self.start(lg: "geld", kinds: [])
        #expect(
            shown.messages == [
                "Wat is een eerste stap?\n1 Geldmaatje Voorbeeldstad: Een vrijwilliger helpt met je post.\n2 Voedselbank Voorbeeldstad: Een pakket met eten."
            ])
        // Only those of a kind that is lacking; none for a leefgebied nobody serves.
        let (_, information) = try Self.start(lg: "geld", kinds: [.information])
        #expect(information.messages.first?.contains("Voedselbank") == false)
        #expect(information.messages.first?.contains("2 Huurteam: Advies over je huur.") == true)
        let (_, nothing) = try Self.start(lg: "gevoel", kinds: [])
        #expect(nothing.messages == ["Wat is een eerste stap?"])
        // In English, from the same map.
        let (_, english) = try Self.start(lg: "wonen", kinds: [], language: .en)
        #expect(english.messages == ["What is a first step?\n1 Huurteam: Advice about your rent."])
    }

    @Test(arguments: [
        ("2", "Genoteerd: Contact met Voedselbank Voorbeeldstad. 020-1234503, vrijdag 13.00-16.00"),
        ("de voedselbank", "Genoteerd: Contact met Voedselbank Voorbeeldstad. 020-1234503, vrijdag 13.00-16.00"),
        ("nummer 1", "Genoteerd: Contact met Geldmaatje Voorbeeldstad. 020-1234502"),
        ("geldmaatje", "Genoteerd: Contact met Geldmaatje Voorbeeldstad. 020-1234502"),
        // Longer answers, or a word the two share, are the inwoner's own step.
        ("2 keer per week de post openen", "Genoteerd: 2 keer per week de post openen"),
        ("Voorbeeldstad", "Genoteerd: Voorbeeldstad"),
        ("mijn zus bellen", "Genoteerd: mijn zus bellen")
    ])
    func aShortAnswerThatNamesAnOfferTakesItAndAnythingElseIsOwnWords(_ answer: String, _ reply: String) throws {
        let (engine, shown) = try Self.start(lg: "geld", kinds: [])
        let after = engine.advance(shown.state, with: .message(answer), at: Date(timeIntervalSince1970: 60))
        #expect(after.messages == [reply])
        #expect(after.state.finished)
    }

    @Test func anOfferCarriesItsIdNameContactAndWhetherAReferralIsNeeded() throws {
        let library = try FlowLibrary(
            files: try DefaultFlows.files().filter { $0.name != SocialMap.fileName } + [(SocialMap.fileName, Self.map)])
        let offer = try #require(library.socialMap["voedselbank"]?.offer)
        #expect(offer["id"] == .text("voedselbank"))
        #expect(offer["verwijzing"] == .bool(true))
        let renderer = Renderer(catalog: library.catalog, language: .en)
        #expect(renderer.format(offer["naam"]!) == "Voedselbank Voorbeeldstad")
        #expect(renderer.format(offer["label"]!) == "Voedselbank Voorbeeldstad: A food parcel.")
        #expect(renderer.format(offer["contact"]!) == "020-1234503, Friday 1pm-4pm")
        #expect(renderer.format(library.socialMap["huurteam"]!.offer["contact"]!) == "https://huurteam.example.org")
    }

    @Test(arguments: [
        ("{find: gemeente, into: x}", "'find' looks up 'voorzieningen' or 'wederkerigheid'"),
        ("{find: voorzieningen, into: x}", "'find: voorzieningen' needs 'leefgebied'"),
        ("{find: wederkerigheid}", "'find' needs 'into'")
    ])
    func aFindThatCannotBeDoneIsRefusedWithItsReason(_ action: String, _ reason: String) throws {
        let broken = Self.flow.replacingOccurrences(of: "      - set: {aanbod: []}\n", with: "      - \(action)\n")
        let files = try DefaultFlows.files().filter { !$0.name.hasSuffix(".flow.yaml") }
        let error = try #require(throws: FlowError.self) {
            try FlowLibrary(files: files + [("levenskracht.flow.yaml", broken), ("t.texts.yaml", Self.texts)])
        }
        #expect(error.message == reason)
        #expect(error.file == "levenskracht.flow.yaml")
    }

    @Test func eachCarrierFollowsFromTheOwnerTheVoorzieningOrTheSpecialist() {
        #expect(PlanCarrier(ownerKind: "inwoner", voorziening: nil, specialist: nil) == .zelf)
        #expect(PlanCarrier(ownerKind: "netwerk", voorziening: nil, specialist: nil) == .netwerk)
        #expect(PlanCarrier(ownerKind: "professional", voorziening: nil, specialist: nil) == .hulpverlener)
        #expect(PlanCarrier(ownerKind: "inwoner", voorziening: "geldmaatje", specialist: nil) == .voorziening)
        #expect(PlanCarrier(ownerKind: "professional", voorziening: "voedselbank", specialist: nil) == .voorziening)
        #expect(PlanCarrier(ownerKind: "professional", voorziening: nil, specialist: "ggz") == .specialist)
    }
}
