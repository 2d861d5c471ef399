import Foundation
import Testing

@testable import Dialog

/// Questionnaires as data: the shipped Caregiver Strain Index, every decoder error with file and
/// line, scoring around the cut-off (never imputing a missing answer), and the checks of their texts.
struct InstrumentTests {
    static let file = "mini.instrument.yaml"

    /// A small valid instrument; the numbers are the lines, used in the expectations below.
    static let mini = """
        instrument: mini
        version: 1
        title: mini.title
        answer_type: yesno
        scoring: count_yes
        cutoff: 2
        items:
          - {id: a, text: mini.a}
          - {id: b, text: mini.b}
          - c
        bands:
          - {id: laag, min: 0, max: 1, text: mini.band.laag}
          - {id: hoog, min: 2, max: 3, text: mini.band.hoog}
        note: alleen voor de tests
        """

    static let miniTexts = """
        mini.title: {nl: "Mini", en: "Mini"}
        mini.a: {nl: "Vraag a?", en: "Question a?"}
        mini.b: {nl: "Vraag b?", en: "Question b?"}
        mini.c: {nl: "Vraag c?", en: "Question c?"}
        mini.band.laag: {nl: "Laag", en: "Low"}
        mini.band.hoog: {nl: "Hoog", en: "High"}
        """

    static func decodeError(_ text: String, file: String = file) -> FlowError? {
        do {
            _ = try InstrumentDecoder.decode(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    /// `text` with `old` replaced; fails the test when `old` is not there (the base changed).
    static func edit(_ text: String, _ old: String, _ new: String) throws -> String {
        try #require(text.contains(old), "'\(old)' is not in the base text")
        return text.replacingOccurrences(of: old, with: new)
    }

    static var csi: Instrument {
        get throws { try #require(DefaultFlows.library.instruments["csi"]) }
    }

    static let csiItems = [
        "slaap", "tijd", "lichamelijk", "beperkt", "gezin", "plannen", "andere_taken",
        "emotioneel", "gedrag", "veranderd", "werk", "geld", "overweldigd"
    ]

    // MARK: - The shipped CSI

    @Test func shippedCSIDecodes() throws {
        let csi = try Self.csi
        #expect(csi.id == "csi")
        #expect(csi.version == 1)
        #expect(csi.file == "csi.instrument.yaml")
        #expect(csi.title == "csi.title")
        #expect(csi.answerType == .yesno)
        #expect(csi.scoring == .countYes)
        #expect(csi.items.count == 13)
        #expect(csi.items.map(\.id) == Self.csiItems)
        #expect(csi.items.map(\.text) == Self.csiItems.map { "csi.\($0)" })
        #expect(csi.cutoff == 7)
        #expect(csi.bands.map(\.id) == ["laag", "hoog"])
        #expect(csi.bands.map(\.min) == [0, 7])
        #expect(csi.bands.map(\.max) == [6, 13])
        #expect(csi.bands.map(\.text) == ["csi.band.laag", "csi.band.hoog"])
        #expect((0...13).map { csi.band(for: $0)?.id } == Array(repeating: "laag", count: 7) + Array(repeating: "hoog", count: 7))
        #expect(csi.band(for: 14) == nil)
    }

    @Test func shippedCSIHasItsLines() throws {
        let text = try #require(try DefaultFlows.files().first { $0.name == "csi.instrument.yaml" }).contents
        let lines = text.components(separatedBy: "\n")
        let csi = try Self.csi
        #expect(lines[csi.line - 1].hasPrefix("instrument: csi"))
        #expect(lines[csi.titleLine - 1].hasPrefix("title: csi.title"))
        for item in csi.items { #expect(lines[item.line - 1].contains("id: \(item.id),"), "item \(item.id) on line \(item.line)") }
        for band in csi.bands { #expect(lines[band.line - 1].contains("id: \(band.id),"), "band \(band.id) on line \(band.line)") }
    }

    /// The wording is not the validated version: the file says so, at the top and in its note.
    @Test func shippedCSIWarnsAboutItsWording() throws {
        let text = try #require(try DefaultFlows.files().first { $0.name == "csi.instrument.yaml" }).contents
        let header = text.components(separatedBy: "\ninstrument:").first ?? ""
        let note = try Self.csi.note
        for warning in [header, note] {
            #expect(warning.contains("topics only"))
            #expect(warning.contains("Schure et al. 1995"))
            #expect(warning.contains("no code change"))
            #expect(warning.contains("terms of use"))
        }
        #expect(header.hasPrefix("#"))
        #expect(!note.contains("\n"), "a folded note is one line of text")
    }

    @Test func shippedCSITextsAreShortGSM7QuestionsInEveryLanguage() throws {
        let csi = try Self.csi
        let catalog = DefaultFlows.library.catalog
        for (key, _, role) in csi.texts {
            let entry = try #require(catalog.entries[key], "\(role): \(key)")
            #expect(entry.file == "csi.texts.yaml")
            for language in Language.allCases {
                let text = try #require(entry.texts[language], "\(key) in \(language)")
                #expect(GSM7.offendingCharacters(text).isEmpty, "\(key) (\(language)) is not GSM-7")
                #expect(SMSSegments.analyze(text).segments <= FlowChecker.maxSegments, "\(key) (\(language))")
            }
        }
        for item in csi.items {
            for language in Language.allCases {
                let text = catalog.text(item.text, language)
                #expect(text.hasSuffix("?"), "\(item.text) (\(language)) is not a question")
                #expect(text.count <= 80, "\(item.text) (\(language)) is not short: \(text.count) characters")
            }
        }
        #expect(catalog.text("csi.slaap", .nl) == "Slaap je slechter door de zorg?")
        #expect(catalog.text("csi.band.hoog", .nl).hasPrefix("De zorg is nu zwaar voor je."))
    }

    // MARK: - Loading and item options

    @Test func itemOptionsAreTheItemsInOrderAndShowTheirQuestion() throws {
        let library = DefaultFlows.library
        let options = library.itemOptions("csi")
        #expect(options == Self.csiItems.map { .option(list: "csi", key: $0) })
        #expect(library.itemOptions("bestaat_niet") == [])
        // The label of option `i` in list `csi` is the item's question: `{item:csi}` and `{item}` show it.
        var catalog = library.catalog
        catalog.entries["test"] = Catalog.Entry(texts: [.nl: "{item:csi} | {item}", .en: "{item:csi}"], file: "t.texts.yaml", line: 1)
        let first = try #require(options.first)
        #expect(
            Renderer(catalog: catalog, language: .nl).render("test", vars: ["item": first])
                == "Slaap je slechter door de zorg? | Slaap je slechter door de zorg?")
        #expect(
            Renderer(catalog: catalog, language: .en).render("test", vars: ["item": .text("geld")])
                == "Does caring cause you money worries?")
    }

    @Test func libraryReadsInstrumentFiles() throws {
        let flows = try DefaultFlows.files().filter { !$0.name.hasPrefix("csi.") }
        let library = try FlowLibrary(files: flows + [(Self.file, Self.mini)])
        #expect(Array(library.instruments.keys) == ["mini"])
        #expect(library.itemOptions("mini") == ["a", "b", "c"].map { .option(list: "mini", key: $0) })
        #expect(library.instruments["mini"]?.file == Self.file)
        #expect(try FlowLibrary(files: flows).instruments.isEmpty)
    }

    @Test func twoInstrumentsWithOneIDAreRefused() throws {
        let flows = try DefaultFlows.files().filter { !$0.name.hasPrefix("csi.") }
        do {
            _ = try FlowLibrary(files: flows + [(Self.file, Self.mini), ("z.instrument.yaml", Self.mini)])
            Issue.record("two instruments 'mini' were accepted")
        } catch {
            #expect(error == FlowError(file: "z.instrument.yaml", line: 1, message: "instrument 'mini' is also defined in \(Self.file)"))
        }
    }

    @Test func anInstrumentErrorStopsTheLibrary() throws {
        let files = try DefaultFlows.files() + [(Self.file, try Self.edit(Self.mini, "cutoff: 2", "cutoff: 9"))]
        do {
            _ = try FlowLibrary(files: files)
            Issue.record("a broken instrument was accepted")
        } catch {
            #expect(error.file == Self.file)
            #expect(error.line == 6)
        }
    }

    // MARK: - Decoder

    @Test func miniDecodesWithLines() throws {
        let mini = try InstrumentDecoder.decode(Self.mini, file: Self.file)
        #expect(mini.id == "mini")
        #expect(mini.line == 1)
        #expect(mini.titleLine == 3)
        #expect(mini.items.map(\.id) == ["a", "b", "c"])
        #expect(mini.items.map(\.text) == ["mini.a", "mini.b", "mini.c"], "a bare item id gets the text <instrument>.<item>")
        #expect(mini.items.map(\.line) == [8, 9, 10])
        #expect(mini.bands.map(\.line) == [12, 13])
        #expect(mini.cutoff == 2)
        #expect(mini.note == "alleen voor de tests")
        #expect(try InstrumentDecoder.decode(Self.edit(Self.mini, "note: alleen voor de tests", ""), file: Self.file).note == "")
    }

    /// (old, new, line, message): the edit of `mini` and the error it must give.
    static let errors: [(String, String, Int, String)] = [
        // Unknown keys, at every level.
        (
            "note: alleen voor de tests", "note: x\ncolour: rood", 15,
            "unknown key 'colour' (allowed: answer_type, bands, cutoff, instrument, items, note, scoring, title, version)"
        ),
        ("{id: a, text: mini.a}", "{id: a, text: mini.a, weight: 2}", 8, "unknown key 'weight' (allowed: id, text)"),
        ("{id: hoog, min: 2,", "{id: hoog, from: 2, min: 2,", 13, "unknown key 'from' (allowed: id, max, min, text)"),
        // Missing keys.
        ("cutoff: 2\n", "", 1, "missing 'cutoff'"),
        ("instrument: mini\n", "", 1, "missing 'instrument'"),
        ("answer_type: yesno\n", "", 1, "missing 'answer_type'"),
        (
            "  - {id: laag, min: 0, max: 1, text: mini.band.laag}", "  - {id: laag, min: 0, text: mini.band.laag}", 12,
            "a band needs 'id', 'min', 'max' and 'text'"
        ),
        ("  - {id: b, text: mini.b}", "  - {text: mini.b}", 9, "an item needs an 'id'"),
        // Names of answer types and scorings.
        ("answer_type: yesno", "answer_type: scale", 4, "unknown answer type 'scale' (known: yesno)"),
        ("scoring: count_yes", "scoring: sum", 5, "unknown scoring 'sum' (known: count_yes)"),
        // Items.
        ("  - c", "  - a", 10, "item id 'a' is used twice (also on line 8)"),
        ("items:\n  - {id: a, text: mini.a}\n  - {id: b, text: mini.b}\n  - c", "items: []", 7, "an instrument needs at least one item"),
        (
            "{id: b, text: mini.b}", "{id: b, text: mini.x}", 9,
            "the text of item 'b' must be 'mini.b', the label of the option 'b' in list 'mini'"
        ),
        ("  - c", "  - c.d", 10, "item id 'c.d' may only hold letters, digits and _"),
        ("  - c", "  - title", 10, "text 'mini.title' is used by both title and item 'title'"),
        ("instrument: mini", "instrument: mi ni", 1, "instrument id 'mi ni' may only hold letters, digits and _"),
        // Cut-off.
        ("cutoff: 2", "cutoff: 0", 6, "cutoff 0 must be between 1 and 3 (the number of items)"),
        ("cutoff: 2", "cutoff: 4", 6, "cutoff 4 must be between 1 and 3 (the number of items)"),
        ("cutoff: 2", "cutoff: twee", 6, "expected a whole number"),
        // Bands: gaps, overlaps, outside the scores.
        ("{id: hoog, min: 2,", "{id: hoog, min: 3,", 13, "score 2 is in no band (a gap before band 'hoog')"),
        ("{id: laag, min: 0,", "{id: laag, min: 1,", 12, "score 0 is in no band (a gap before band 'laag')"),
        ("min: 2, max: 3,", "min: 2, max: 2,", 13, "score 3 is in no band (a gap after band 'hoog')"),
        ("min: 0, max: 1,", "min: 0, max: 0,", 13, "score 1 is in no band (a gap before band 'hoog')"),
        ("min: 0, max: 1,", "min: 0, max: 2,", 13, "bands 'laag' and 'hoog' overlap: score 2 is in both"),
        ("min: 0, max: 1,", "min: 0, max: 3,", 13, "bands 'laag' and 'hoog' overlap: scores 2 to 3 are in both"),
        ("min: 2, max: 3,", "min: 2, max: 4,", 13, "band 'hoog' goes up to 4, above 3, the highest score"),
        ("{id: laag, min: 0,", "{id: laag, min: -1,", 12, "band 'laag' starts below 0, the lowest score"),
        ("{id: hoog, min: 2, max: 3,", "{id: hoog, min: 3, max: 2,", 13, "band 'hoog': min 3 is above max 2"),
        ("{id: hoog,", "{id: laag,", 13, "band id 'laag' is used twice (also on line 12)"),
        (
            "bands:\n  - {id: laag, min: 0, max: 1, text: mini.band.laag}\n  - {id: hoog, min: 2, max: 3, text: mini.band.hoog}",
            "bands: []", 11, "an instrument needs bands covering the scores 0 to 3"
        )
    ]

    @Test(arguments: errors)
    func decoderErrorNamesFileAndLine(old: String, new: String, line: Int, message: String) throws {
        let error = try #require(Self.decodeError(try Self.edit(Self.mini, old, new)), "no error for \(new)")
        #expect(error == FlowError(file: Self.file, line: line, message: message))
    }

    @Test func bandsInAnyOrderAreFine() throws {
        let swapped = try Self.edit(
            Self.mini,
            "  - {id: laag, min: 0, max: 1, text: mini.band.laag}\n  - {id: hoog, min: 2, max: 3, text: mini.band.hoog}",
            "  - {id: hoog, min: 2, max: 3, text: mini.band.hoog}\n  - {id: laag, min: 0, max: 1, text: mini.band.laag}")
        let mini = try InstrumentDecoder.decode(swapped, file: Self.file)
        #expect(mini.band(for: 0)?.id == "laag")
        #expect(mini.band(for: 3)?.id == "hoog")
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let error = try #require(Self.decodeError(try Self.edit(Self.mini, "cutoff: 2", "cutoff: 2\n  oops: here")))
        #expect(error.file == Self.file)
        #expect(error.line == 7)
        #expect(error.message.hasPrefix("not valid YAML: "))
    }

    @Test func emptyFile() {
        #expect(Self.decodeError("") == FlowError(file: Self.file, line: 1, message: "the file is empty"))
    }

    // MARK: - Scoring

    /// One answer per CSI item, in item order: J = yes, N = no, - = not there, 0 = `.none`.
    static func answers(_ pattern: String) -> [String: Value] {
        precondition(pattern.count == 13, "a pattern has one sign per item: \(pattern)")
        var answers: [String: Value] = [:]
        for (item, sign) in zip(csiItems, pattern) {
            switch sign {
            case "J": answers[item] = .bool(true)
            case "N": answers[item] = .bool(false)
            case "0": answers[item] = Value.none
            default: break
            }
        }
        return answers
    }

    /// (answers, score, band, status); `answered`, `missing`, `complete` and `high` follow from the pattern.
    static let table: [(String, Int, String?, InstrumentResult.Status)] = [
        // Complete, around the cut-off.
        ("NNNNNNNNNNNNN", 0, "laag", .complete),
        ("NNNNNNNNNNNNJ", 1, "laag", .complete),
        ("JJJJJJNNNNNNN", 6, "laag", .complete),
        ("NJNJNJNJNJNJN", 6, "laag", .complete),
        ("JJJJJJJNNNNNN", 7, "hoog", .high),
        ("JNJNJNJNJNJNJ", 7, "hoog", .high),
        ("JJJJJJJJNNNNN", 8, "hoog", .high),
        ("JJJJJJJJJJJJJ", 13, "hoog", .high),
        // The cut-off reached with items missing: high, band known.
        ("JJJJJJJNNN---", 7, "hoog", .high),
        ("JJJJJJJ------", 7, "hoog", .high),
        ("------JJJJJJJ", 7, "hoog", .high),
        ("JJJJJJJJ-----", 8, "hoog", .high),
        ("JJJJJJJJJJJJ-", 12, "hoog", .high),
        ("JJJJJJJ000000", 7, "hoog", .high),
        // Missing items that could still bring the score to 7: incomplete, no band.
        ("JJJJJJNNNNNN-", 6, nil, .incomplete),
        ("JJJJJJ0NNNNNN", 6, nil, .incomplete),
        ("JJJJJNNNNNN--", 5, nil, .incomplete),
        ("JJJJJNNNNNN0-", 5, nil, .incomplete),
        ("JJJJNNNNNN---", 4, nil, .incomplete),
        ("NNNNNN-------", 0, nil, .incomplete),
        ("JJJJJJ-------", 6, nil, .incomplete),
        ("JJJ0-0-0-0-0-", 3, nil, .incomplete),
        ("-------------", 0, nil, .incomplete),
        ("0000000000000", 0, nil, .incomplete),
        // Missing items that cannot bring the score to 7: below the cut-off for certain, no band.
        ("JJJJJNNNNNNN-", 5, nil, .belowCutoff),
        ("JJJJJNNNNNNN0", 5, nil, .belowCutoff),
        ("JJJJNNNNNNN--", 4, nil, .belowCutoff),
        ("NNNNNNN------", 0, nil, .belowCutoff),
        ("NNNNNNNNNNNN-", 0, nil, .belowCutoff),
        ("-NNNNNNNNNNNN", 0, nil, .belowCutoff)
    ]

    @Test(arguments: table)
    func scoringAroundTheCutoff(pattern: String, score: Int, band: String?, status: InstrumentResult.Status) throws {
        let result = try Self.csi.score(Self.answers(pattern))
        let missing = zip(Self.csiItems, pattern).filter { $0.1 == "-" || $0.1 == "0" }.map(\.0)
        #expect(
            result
                == InstrumentResult(
                    score: score, answered: 13 - missing.count, missing: missing, band: band,
                    complete: missing.isEmpty, high: score >= 7, status: status))
        #expect(pattern.filter { $0 == "J" }.count == score, "the table itself is wrong")
    }

    @Test func scoringTableIsLargeAndCoversEveryStatus() {
        #expect(Self.table.count >= 25)
        #expect(Set(Self.table.map(\.3)) == Set(InstrumentResult.Status.allCases))
    }

    @Test func missingItemsAreListedInItemOrder() throws {
        let result = try Self.csi.score(Self.answers("J-NJ0NNNJNN-J"))
        #expect(result.missing == ["tijd", "gezin", "geld"])
        #expect(result.answered == 10)
        #expect(result.score == 4)
        #expect(result.status == .incomplete)
    }

    @Test func answersForUnknownItemsAreIgnored() throws {
        var answers = Self.answers("JJJJJJNNNNNNN")
        answers["onbekend"] = .bool(true)
        answers["SLAAP"] = .bool(true)
        answers["csi.tijd"] = .bool(true)
        let result = try Self.csi.score(answers)
        #expect(result.score == 6)
        #expect(result.answered == 13)
        #expect(result.status == .complete)
        #expect(result.band == "laag")
        #expect(try Self.csi.score(["onbekend": .bool(true)]).missing == Self.csiItems)
    }

    /// Only `.bool` is an answer: nothing else is read as ja or nee, so nothing is imputed.
    @Test func otherValuesCountAsMissing() throws {
        var answers = Self.answers("JJJJJJNNNNNN-")
        for value: Value in [.text("ja"), .number(1), .option(list: "janee", key: "ja"), .list([.bool(true)]), .record([:])] {
            answers["overweldigd"] = value
            let result = try Self.csi.score(answers)
            #expect(result.score == 6, "\(value)")
            #expect(result.missing == ["overweldigd"], "\(value)")
            #expect(result.status == .incomplete, "\(value)")
        }
    }

    @Test func falseAnswersAreAnsweredAndNoneIsMissing() throws {
        let result = try Self.csi.score(["slaap": .bool(false), "tijd": Value.none])
        #expect(result.answered == 1)
        #expect(result.score == 0)
        #expect(result.missing == Array(Self.csiItems.dropFirst()))
        #expect(!result.complete)
    }

    @Test func scoringFollowsTheInstrumentsCutoff() throws {
        let mini = try InstrumentDecoder.decode(Self.mini, file: Self.file)
        #expect(mini.score(["a": .bool(true), "b": .bool(true)]).status == .high)
        #expect(mini.score(["a": .bool(true), "b": .bool(true)]).band == "hoog")
        #expect(mini.score(["a": .bool(true), "b": .bool(false)]).status == .incomplete)
        #expect(mini.score(["a": .bool(false), "b": .bool(false)]).status == .belowCutoff)
        #expect(mini.score(["a": .bool(true), "b": .bool(false), "c": .bool(false)]).band == "laag")
        let strict = try InstrumentDecoder.decode(Self.edit(Self.mini, "cutoff: 2", "cutoff: 3"), file: Self.file)
        #expect(strict.score(["a": .bool(true), "b": .bool(true)]).status == .incomplete)
        #expect(strict.score(["a": .bool(true), "b": .bool(true), "c": .bool(false)]).status == .complete)
    }

    @Test func resultIsCodableWithReadableStatus() throws {
        let result = try Self.csi.score(Self.answers("JJJJJNNNNNNN-"))
        let data = try JSONEncoder().encode(result)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"status\":\"belowCutoff\""))
        #expect(json.contains("\"missing\":[\"overweldigd\"]"))
        #expect(try JSONDecoder().decode(InstrumentResult.self, from: data) == result)
    }

    // MARK: - FlowChecker

    static func check(instrument: String = mini, texts: String = miniTexts) throws -> [FlowError] {
        let library = try FlowLibrary(files: [
            (FlowCheckerTests.flowFile, FlowCheckerTests.flow), (FlowCheckerTests.textsFile, FlowCheckerTests.texts),
            ("system.texts.yaml", try FlowCheckerTests.systemTexts()),
            (Self.file, instrument), ("mini.texts.yaml", texts)
        ])
        return FlowChecker.check(library)
    }

    @Test func defaultLibraryWithTheCSIChecksClean() throws {
        #expect(DefaultFlows.library.instruments.keys.contains("csi"))
        let errors = FlowChecker.check(DefaultFlows.library)
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func smallLibraryWithAnInstrumentChecksClean() throws {
        #expect(try Self.check() == [])
    }

    @Test func shippedCSIItemWithoutEnglishNamesTheInstrumentFile() throws {
        let files = try DefaultFlows.files().map { file in
            file.name == "csi.texts.yaml"
                ? (file.name, try Self.edit(file.contents, "  en: \"Does caring cause you money worries?\"\n", ""))
                : file
        }
        let library = try FlowLibrary(files: files)
        let csi = try #require(library.instruments["csi"])
        let item = try #require(csi.items.first { $0.id == "geld" })
        let entry = try #require(library.catalog.entries["csi.geld"])
        #expect(
            FlowChecker.check(library) == [
                FlowError(
                    file: "csi.instrument.yaml", line: item.line,
                    message: "instrument 'csi' item 'geld': text 'csi.geld' has no en version (csi.texts.yaml:\(entry.line))")
            ])
    }

    @Test func itemTextWithoutEnglish() throws {
        let errors = try Self.check(texts: Self.edit(Self.miniTexts, ", en: \"Question b?\"", ""))
        #expect(
            errors == [
                FlowError(
                    file: Self.file, line: 9, message: "instrument 'mini' item 'b': text 'mini.b' has no en version (mini.texts.yaml:3)")
            ])
    }

    @Test func itemTextThatDoesNotExist() throws {
        let errors = try Self.check(texts: Self.edit(Self.miniTexts, "mini.c: {nl: \"Vraag c?\", en: \"Question c?\"}", ""))
        #expect(errors == [FlowError(file: Self.file, line: 10, message: "instrument 'mini' item 'c': text 'mini.c' does not exist")])
    }

    @Test func titleAndBandTextsAreChecked() throws {
        let noTitle = try Self.check(texts: Self.edit(Self.miniTexts, "mini.title: {nl: \"Mini\", en: \"Mini\"}", ""))
        #expect(noTitle == [FlowError(file: Self.file, line: 3, message: "instrument 'mini' title: text 'mini.title' does not exist")])
        let noBand = try Self.check(
            texts: Self.edit(Self.miniTexts, "mini.band.hoog: {nl: \"Hoog\", en: \"High\"}", "mini.band.hoog: {en: \"High\"}"))
        #expect(
            noBand == [
                FlowError(
                    file: Self.file, line: 13,
                    message: "instrument 'mini' band 'hoog': text 'mini.band.hoog' has no nl version (mini.texts.yaml:6)")
            ])
    }

    @Test func itemTextThatIsNotGSM7() throws {
        let errors = try Self.check(texts: Self.edit(Self.miniTexts, "Vraag a?", "Ben je tevreden over je financiën?"))
        #expect(
            errors == [
                FlowError(
                    file: Self.file, line: 8,
                    message: "instrument 'mini' item 'a': text 'mini.a' (nl): not GSM-7 for SMS: 'ë' (mini.texts.yaml:2)")
            ])
    }

    @Test func bandTextLongerThanThreeSegments() throws {
        let long = String(repeating: "Heel lang. ", count: 50)
        let errors = try Self.check(texts: Self.edit(Self.miniTexts, "en: \"Low\"", "en: \"\(long)\""))
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.file == Self.file)
        #expect(error.line == 12)
        #expect(error.message.hasPrefix("instrument 'mini' band 'laag': text 'mini.band.laag' (en): "))
        #expect(error.message.contains("SMS segments, more than 3"))
    }

    /// A text included by an instrument text is checked too, where it is.
    @Test func textIncludedByAnItemMustExist() throws {
        let errors = try Self.check(texts: Self.edit(Self.miniTexts, "Question a?", "{>mini.uitleg} Question a?"))
        #expect(errors == [FlowError(file: "mini.texts.yaml", line: 2, message: "text 'mini.uitleg' does not exist")])
    }
}
