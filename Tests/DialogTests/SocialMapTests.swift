import Dialog
import Foundation
import Testing

/// The sociale kaart (`voorzieningen.yaml`) is data a gemeente maintains: the shipped example loads
/// clean, a broken entry is named by file and line, and the query offers at most two in file order.
struct SocialMapTests {
    static let file = SocialMap.fileName

    /// One valid voorziening; the numbers are the lines, used in the expectations below.
    static let valid = """
        voorzieningen:
          buurthuis:
            naam: Buurthuis De Linde
            soort: [relationeel]
            leefgebieden: [mensen, meedoen]
            omschrijving:
              nl: "Koffie en activiteiten met mensen uit de buurt."
              en: "Coffee and activities with people from the neighbourhood."
            telefoon: 020-1234501
            gratis: true
            verwijzing: false
        """

    static func edit(_ text: String, _ old: String, _ new: String) throws -> String {
        try #require(text.contains(old), "'\(old)' is not in the text")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The shipped flows with this text as their `voorzieningen.yaml`.
    static func library(_ voorzieningen: String) throws -> FlowLibrary {
        try FlowLibrary(files: try DefaultFlows.files().filter { $0.name != file } + [(file, voorzieningen)])
    }

    static func loadError(_ voorzieningen: String) throws -> FlowError {
        try #require(throws: FlowError.self) { try Self.library(voorzieningen) }
    }

    // MARK: - The shipped example

    @Test func theShippedFileLoadsWithNoProblems() throws {
        let map = DefaultFlows.library.socialMap
        #expect(map.file == Self.file)
        #expect(map.isExample, "the shipped set is fictitious and says so: voorbeeld: true")
        #expect(map.voorzieningen.count >= 8)
        #expect(Set(map.voorzieningen.flatMap(\.kinds)) == Set(ResourceKind.allCases), "the example shows every kind")
        let problems = FlowChecker.check(DefaultFlows.library).filter { $0.file == Self.file }
        #expect(problems.isEmpty, "flows check: \(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func theShippedFileSaysItIsFictitious() throws {
        let text = try #require(try DefaultFlows.files().first { $0.name == Self.file }).contents
        let header = text.components(separatedBy: "\nvoorbeeld:").first ?? ""
        #expect(header.contains("FICTITIOUS EXAMPLE"))
        for voorziening in DefaultFlows.library.socialMap.voorzieningen {
            if let website = voorziening.website { #expect(website.contains(".example.org"), "\(voorziening.id): \(website)") }
            if let phone = voorziening.phone { #expect(phone.hasPrefix("020-12345"), "\(voorziening.id): \(phone)") }
        }
    }

    @Test func aValidEntryIsReadWithItsLines() throws {
        let voorziening = try #require(try SocialMapDecoder.decode(Self.valid, file: Self.file)["buurthuis"])
        #expect(voorziening.name == [.nl: "Buurthuis De Linde", .en: "Buurthuis De Linde"])
        #expect(voorziening.kinds == [.people])
        #expect(voorziening.leefgebieden == ["mensen", "meedoen"])
        #expect(voorziening.description[.en] == "Coffee and activities with people from the neighbourhood.")
        #expect(voorziening.phone == "020-1234501")
        #expect(voorziening.website == nil)
        #expect(voorziening.free)
        #expect(!voorziening.referral)
        #expect(voorziening.line == 2)
        #expect(voorziening.lines.leefgebieden == [5, 5])
        #expect(voorziening.lines.description == [.nl: 7, .en: 8])
    }

    @Test func withoutTheFileTheMapIsEmpty() throws {
        let library = try FlowLibrary(files: try DefaultFlows.files().filter { $0.name != Self.file })
        #expect(library.socialMap.isEmpty)
        #expect(library.socialMap.file == nil)
        #expect(library.socialMap.fitting(leefgebied: "geld").isEmpty)
        #expect(FlowChecker.check(library).isEmpty)
    }

    // MARK: - Broken entries, named by file and line

    @Test func anUnknownKeyNamesFileAndLine() throws {
        let error = try Self.loadError(try Self.edit(Self.valid, "telefoon:", "telefon:"))
        #expect(error.file == Self.file)
        #expect(error.line == 9)
        #expect(error.message.hasPrefix("voorziening 'buurthuis': unknown key 'telefon' (allowed: "))
    }

    @Test func anUnknownTopLevelKeyNamesFileAndLine() throws {
        let error = try Self.loadError("voorbeeld: true\nkaart: {}\n")
        #expect(error.file == Self.file)
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("unknown key 'kaart'"))
    }

    @Test func aMissingNameNamesFileAndLine() throws {
        let error = try Self.loadError(try Self.edit(Self.valid, "    naam: Buurthuis De Linde\n", ""))
        #expect(error == FlowError(file: Self.file, line: 3, message: "voorziening 'buurthuis': missing 'naam' (the name)"))
    }

    @Test func aNameWithoutEnglishNamesFileAndLine() throws {
        let error = try Self.loadError(try Self.edit(Self.valid, "naam: Buurthuis De Linde", "naam: {nl: Buurthuis De Linde}"))
        #expect(error == FlowError(file: Self.file, line: 3, message: "voorziening 'buurthuis': 'naam' has no en version"))
    }

    @Test func aDescriptionWithoutEnglishNamesFileAndLine() throws {
        let error = try Self.loadError(
            try Self.edit(Self.valid, "      en: \"Coffee and activities with people from the neighbourhood.\"\n", ""))
        #expect(error == FlowError(file: Self.file, line: 7, message: "voorziening 'buurthuis': 'omschrijving' has no en version"))
    }

    @Test func aDescriptionInOneLanguageOnlyIsRefused() throws {
        let text = try Self.edit(
            Self.valid,
            "    omschrijving:\n      nl: \"Koffie en activiteiten met mensen uit de buurt.\"\n      en: \"Coffee and activities with people from the neighbourhood.\"\n",
            "    omschrijving: Koffie en activiteiten.\n")
        let error = try Self.loadError(text)
        #expect(error.file == Self.file)
        #expect(error.line == 6)
        #expect(error.message == "voorziening 'buurthuis': 'omschrijving' is written in every language: {nl: ..., en: ...}")
    }

    @Test func anUnknownKindNamesFileAndLine() throws {
        let error = try Self.loadError(try Self.edit(Self.valid, "soort: [relationeel]", "soort: [relationeel, sociaal]"))
        #expect(
            error
                == FlowError(
                    file: Self.file, line: 4,
                    message: "voorziening 'buurthuis': unknown soort 'sociaal' (known: informatief, materieel, financieel, relationeel)"))
    }

    @Test func aDuplicateIDNamesFileAndLine() throws {
        let second = try Self.edit(Self.valid, "voorzieningen:\n", "")
        let error = try Self.loadError(Self.valid + "\n" + second)
        #expect(error == FlowError(file: Self.file, line: 2, message: "not valid YAML: the key 'buurthuis' appears twice in one mapping"))
    }

    @Test func aGratisThatIsNoBooleanNamesFileAndLine() throws {
        let error = try Self.loadError(try Self.edit(Self.valid, "gratis: true", "gratis: soms"))
        #expect(error == FlowError(file: Self.file, line: 10, message: "voorziening 'buurthuis': 'gratis' is true or false, not 'soms'"))
    }

    @Test func aMissingVerwijzingNamesFileAndLine() throws {
        let error = try Self.loadError(try Self.edit(Self.valid, "\n    verwijzing: false", ""))
        #expect(error.file == Self.file)
        #expect(error.line == 3)
        #expect(error.message == "voorziening 'buurthuis': missing 'verwijzing' (true or false)")
    }

    @Test func wederkerigheidIsOptionalAndFalseWithoutIt() throws {
        let without = try #require(try SocialMapDecoder.decode(Self.valid, file: Self.file)["buurthuis"])
        #expect(!without.reciprocity)
        let with = try Self.edit(Self.valid, "verwijzing: false", "verwijzing: false\n    wederkerigheid: true")
        #expect(try #require(try SocialMapDecoder.decode(with, file: Self.file)["buurthuis"]).reciprocity)
    }

    @Test func aWederkerigheidThatIsNoBooleanNamesFileAndLine() throws {
        let text = try Self.edit(Self.valid, "verwijzing: false", "verwijzing: false\n    wederkerigheid: vaak")
        let error = try Self.loadError(text)
        #expect(
            error == FlowError(file: Self.file, line: 12, message: "voorziening 'buurthuis': 'wederkerigheid' is true or false, not 'vaak'")
        )
    }

    // MARK: - What flows check reports

    @Test func anUnknownLeefgebiedIsReportedAtItsLine() throws {
        let text = try Self.edit(Self.valid, "leefgebieden: [mensen, meedoen]", "leefgebieden:\n      - mensen\n      - sport")
        let errors = FlowChecker.check(try Self.library(text))
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.file == Self.file)
        #expect(error.line == 7)
        #expect(error.message.hasPrefix("voorziening 'buurthuis': unknown leefgebied 'sport' (known: dag, geld, gevoel, "))
    }

    @Test func aLongDescriptionIsReportedAtItsLine() throws {
        let long = String(repeating: "Koffie en thee. ", count: 11)
        let text = try Self.edit(Self.valid, "Koffie en activiteiten met mensen uit de buurt.", long)
        #expect(
            FlowChecker.check(try Self.library(text)) == [
                FlowError(
                    file: Self.file, line: 7,
                    message: "voorziening 'buurthuis': omschrijving (nl) has \(long.count) characters, more than 160")
            ])
    }

    @Test func aDescriptionThatIsNotGSM7IsReportedAtItsLine() throws {
        let text = try Self.edit(Self.valid, "activiteiten met mensen", "activiteiten met ideeën van mensen")
        #expect(
            FlowChecker.check(try Self.library(text)) == [
                FlowError(file: Self.file, line: 7, message: "voorziening 'buurthuis': omschrijving (nl) is not GSM-7 for SMS: 'ë'")
            ])
    }

    @Test func aVoorzieningWithoutPhoneOrWebsiteIsReported() throws {
        let text = try Self.edit(Self.valid, "    telefoon: 020-1234501\n", "    adres: Lindeplein 1\n")
        #expect(
            FlowChecker.check(try Self.library(text)) == [
                FlowError(
                    file: Self.file, line: 2,
                    message: "voorziening 'buurthuis': needs a 'telefoon' or a 'website', so an inwoner can get in touch")
            ])
        let withWebsite = try Self.edit(Self.valid, "    telefoon: 020-1234501\n", "    website: https://buurthuis.example.org\n")
        #expect(FlowChecker.check(try Self.library(withWebsite)).isEmpty)
    }

    /// The two messages `docs/flows.md` shows are what the shipped file gives with that mistake.
    @Test func theMessagesInTheDocAreWhatFlowsCheckSays() throws {
        let doc = try String(contentsOf: FlowsDocExampleTests.doc, encoding: .utf8)
        let shipped = try #require(try DefaultFlows.files().first { $0.name == Self.file }).contents

        var lines = shipped.components(separatedBy: "\n")
        let voedselbank = try #require(lines.firstIndex(of: "  voedselbank:"))
        let gratis = try #require(lines[voedselbank...].firstIndex(of: "    gratis: true"))
        lines[gratis] = "    gratis: soms"
        let refused = try Self.loadError(lines.joined(separator: "\n"))
        #expect(doc.contains("```text\n\(refused.description)\n```"), "docs/flows.md should show: \(refused)")

        lines = shipped.components(separatedBy: "\n")
        let geldmaatje = try #require(lines.firstIndex(of: "  geldmaatje:"))
        let leefgebieden = try #require(lines[geldmaatje...].firstIndex(of: "    leefgebieden: [geld]"))
        lines[leefgebieden] = "    leefgebieden: [schulden]"
        let problems = FlowChecker.check(try Self.library(lines.joined(separator: "\n")))
        #expect(problems.count == 1)
        let problem = try #require(problems.first).description
        let shown = try #require(problem.components(separatedBy: "gevoel, ").first) + "gevoel, ...)"
        #expect(problem.hasPrefix("voorzieningen.yaml:\(leefgebieden + 1): voorziening 'geldmaatje': unknown leefgebied 'schulden'"))
        #expect(doc.contains("```text\n\(shown)\n```"), "docs/flows.md should show: \(problem)")
    }

    // MARK: - The query

    /// Four voorzieningen; `geld` fits three of them, of two kinds.
    static let four = """
        voorzieningen:
          maatje:
            naam: Geldmaatje
            soort: [relationeel, informatief]
            leefgebieden: [geld]
            omschrijving: {nl: "Hulp met je post.", en: "Help with your post."}
            telefoon: 020-1234502
            gratis: true
            verwijzing: false
          buurthuis:
            naam: Buurthuis
            soort: relationeel
            leefgebieden: [mensen]
            omschrijving: {nl: "Koffie in de buurt.", en: "Coffee nearby."}
            telefoon: 020-1234501
            gratis: true
            verwijzing: false
          voedselbank:
            naam: Voedselbank
            soort: [materieel]
            leefgebieden: [geld, zelfzorg]
            omschrijving: {nl: "Een pakket met eten.", en: "A food parcel."}
            website: https://voedselbank.example.org
            gratis: true
            verwijzing: true
          regeling:
            naam: Meedoenregeling
            soort: [financieel]
            leefgebieden: [meedoen, geld]
            omschrijving: {nl: "Geld voor sport.", en: "Money for sport."}
            website: https://voorbeeldstad.example.org/meedoen
            gratis: true
            verwijzing: false
        """

    @Test func fittingOffersAtMostTwoInFileOrder() throws {
        let map = try SocialMapDecoder.decode(Self.four, file: Self.file)
        #expect(map.fitting(leefgebied: "geld").map(\.id) == ["maatje", "voedselbank"])
        #expect(map.fitting(leefgebied: "geld", limit: 3).map(\.id) == ["maatje", "voedselbank", "regeling"])
        #expect(map.fitting(leefgebied: "geld", limit: 0).isEmpty)
        #expect(map.fitting(leefgebied: "mensen").map(\.id) == ["buurthuis"])
        #expect(map.fitting(leefgebied: "wonen").isEmpty)
    }

    @Test func fittingWithKindsKeepsThoseOfAnyOfTheKinds() throws {
        let map = try SocialMapDecoder.decode(Self.four, file: Self.file)
        #expect(map.fitting(leefgebied: "geld", kinds: [.money]).map(\.id) == ["regeling"])
        #expect(map.fitting(leefgebied: "geld", kinds: [.money, .things]).map(\.id) == ["voedselbank", "regeling"])
        #expect(map.fitting(leefgebied: "geld", kinds: [.information, .people, .money]).map(\.id) == ["maatje", "regeling"])
        #expect(map.fitting(leefgebied: "mensen", kinds: [.things]).isEmpty)
    }

    @Test func reciprocityKeepsThoseMarkedInFileOrder() throws {
        var text = try Self.edit(Self.four, "verwijzing: true", "verwijzing: true\n    wederkerigheid: true")
        text = try Self.edit(
            text, "020-1234501\n    gratis: true\n    verwijzing: false",
            "020-1234501\n    gratis: true\n    verwijzing: false\n    wederkerigheid: ja")
        let map = try SocialMapDecoder.decode(text, file: Self.file)
        #expect(map.reciprocity().map(\.id) == ["buurthuis", "voedselbank"])
        #expect(map.reciprocity(limit: 1).map(\.id) == ["buurthuis"])
        #expect(map.reciprocity(limit: 0).isEmpty)
        #expect(try SocialMapDecoder.decode(Self.four, file: Self.file).reciprocity().isEmpty)
    }

    @Test func theShippedMapOffersTheVrijwilligerscentraleAndTheMaatjesproject() {
        #expect(DefaultFlows.library.socialMap.reciprocity().map(\.id) == ["vrijwilligerscentrale", "maatjesproject"])
    }

    @Test func fittingOnTheShippedMapIsAPrefixOfTheFileOrder() {
        let map = DefaultFlows.library.socialMap
        let leefgebieden = DefaultFlows.library.flows[FlowLibrary.mainFlowID]?.lists["leefgebieden"] ?? []
        #expect(!leefgebieden.isEmpty)
        for leefgebied in leefgebieden {
            let all = map.voorzieningen.filter { $0.leefgebieden.contains(leefgebied) }
            #expect(!all.isEmpty, "the example has a voorziening for '\(leefgebied)'")
            #expect(map.fitting(leefgebied: leefgebied).map(\.id) == all.prefix(2).map(\.id))
        }
    }
}
