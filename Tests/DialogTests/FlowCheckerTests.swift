import Foundation
import Testing

@testable import Dialog

/// `FlowChecker.check`: the default library is clean, and each kind of mistake in a small library
/// is reported once, with file, line and node.
struct FlowCheckerTests {
    static let flowFile = "klein.flow.yaml"
    static let textsFile = "klein.texts.yaml"

    /// The numbers are the lines, used in the expectations below.
    static let flow = """
        flow: levenskracht
        version: 1
        start: welkom
        lists:
          kleuren: [rood, blauw]
        modules:
          - {id: m1, title: t.module}
        nodes:
          - id: welkom
            module: m1
            say: t.welkom
            next: vraag
          - id: vraag
            ask: t.vraag
            answer: {type: choice, options: kleuren}
            save: kleur
            actions:
              - emit: score
                fields: {leefgebied: kleur, score: 1}
            next: klaar
          - id: klaar
            end: t.klaar
        """

    static let texts = """
        t.module: {nl: "Deel 1", en: "Part 1"}
        t.welkom: {nl: "Welkom", en: "Welcome"}
        t.vraag: {nl: "Welke kleur?", en: "Which colour?"}
        t.klaar: {nl: "Klaar", en: "Done"}
        kleuren.rood: {nl: "Rood", en: "Red"}
        kleuren.blauw: {nl: "Blauw", en: "Blue"}
        """

    static func systemTexts() throws -> String {
        try #require(try DefaultFlows.files().first { $0.name == "system.texts.yaml" }).contents
    }

    static func check(flow: String = flow, texts: String = texts, system: String? = nil) throws -> [FlowError] {
        let library = try FlowLibrary(files: [
            (flowFile, flow), (textsFile, texts), ("system.texts.yaml", try system ?? systemTexts())
        ])
        let errors = FlowChecker.check(library)
        for error in errors {
            #expect(!error.file.isEmpty, "\(error)")
            #expect(error.line > 0, "an error without a line: \(error)")
        }
        return errors
    }

    /// `text` with `old` replaced; fails the test when `old` is not there (the base changed).
    static func edit(_ text: String, _ old: String, _ new: String) throws -> String {
        try #require(text.contains(old), "'\(old)' is not in the base text")
        return text.replacingOccurrences(of: old, with: new)
    }

    // MARK: - Clean libraries

    @Test func defaultLibraryHasNoErrors() {
        let errors = FlowChecker.check(DefaultFlows.library)
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func smallLibraryHasNoErrors() throws {
        #expect(try Self.check() == [])
    }

    // MARK: - The graph

    @Test func nextToAnUnknownNode() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "    next: klaar", "    next: nergens"))
        #expect(
            errors == [
                FlowError(file: Self.flowFile, line: 13, node: "vraag", message: "goes to unknown node 'nergens'"),
                FlowError(file: Self.flowFile, line: 21, node: "klaar", message: "cannot be reached from 'welkom'")
            ])
    }

    @Test func routeToAnUnknownNode() throws {
        let errors = try Self.check(
            flow: Self.edit(Self.flow, "    next: vraag", "    when:\n      - {if: kleur, go: ergens}\n    next: vraag"))
        #expect(errors == [FlowError(file: Self.flowFile, line: 9, node: "welkom", message: "goes to unknown node 'ergens'")])
    }

    @Test func unreachableNode() throws {
        let errors = try Self.check(flow: Self.flow + "\n  - id: wees\n    say: t.welkom\n    next: klaar")
        #expect(errors == [FlowError(file: Self.flowFile, line: 23, node: "wees", message: "cannot be reached from 'welkom'")])
    }

    @Test func unknownStartNode() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "start: welkom", "start: begin"))
        #expect(errors.first == FlowError(file: Self.flowFile, line: 1, node: nil, message: "start node 'begin' does not exist"))
        #expect(Set(errors.dropFirst().compactMap(\.node)) == ["welkom", "vraag", "klaar"])
        #expect(errors.dropFirst().allSatisfy { $0.message == "cannot be reached from 'begin'" })
    }

    @Test func sayWithoutNext() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "    say: t.welkom\n    next: vraag", "    say: t.welkom"))
        #expect(errors.contains(FlowError(file: Self.flowFile, line: 9, node: "welkom", message: "needs a 'next'")))
    }

    @Test func unknownModule() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "    module: m1", "    module: m9"))
        #expect(errors == [FlowError(file: Self.flowFile, line: 9, node: "welkom", message: "module 'm9' does not exist")])
    }

    @Test func completeOfAnUnknownModule() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "    actions:\n", "    actions:\n      - complete: m2\n"))
        #expect(errors == [FlowError(file: Self.flowFile, line: 13, node: "vraag", message: "module 'm2' does not exist")])
    }

    @Test func choiceWithAnUnknownOptionList() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "options: kleuren", "options: vormen"))
        #expect(errors == [FlowError(file: Self.flowFile, line: 13, node: "vraag", message: "option list 'vormen' does not exist")])
    }

    // MARK: - Records

    @Test func emitOfAnUnknownRecordKind() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "- emit: score", "- emit: kleur"))
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.file == Self.flowFile)
        #expect(error.line == 13)
        #expect(error.node == "vraag")
        #expect(error.message == "unknown record 'kleur' (known: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        #expect(error.message.contains("consent, score, strength, network"))
    }

    @Test(arguments: [
        ("score", "{leefgebied: kleur}", "record 'score' misses score"),
        ("action", "{goal: kleur}", "record 'action' misses what, who"),
        ("consent", "{}", "record 'consent' misses granted, purpose")
    ])
    func emitMissingARequiredField(kind: String, fields: String, message: String) throws {
        let flow = try Self.edit(
            Self.flow, "      - emit: score\n        fields: {leefgebied: kleur, score: 1}",
            "      - emit: \(kind)\n        fields: \(fields)")
        #expect(try Self.check(flow: flow) == [FlowError(file: Self.flowFile, line: 13, node: "vraag", message: message)])
    }

    @Test func conditionalEmitIsCheckedToo() throws {
        let flow = try Self.edit(Self.flow, "      - emit: score\n", "      - if: kleur\n        emit: score\n")
        let errors = try Self.check(flow: Self.edit(flow, "{leefgebied: kleur, score: 1}", "{score: 1}"))
        #expect(errors == [FlowError(file: Self.flowFile, line: 13, node: "vraag", message: "record 'score' misses leefgebied")])
    }

    // MARK: - Texts

    @Test func textThatDoesNotExist() throws {
        let errors = try Self.check(flow: Self.edit(Self.flow, "say: t.welkom", "say: t.bestaatniet"))
        #expect(errors == [FlowError(file: Self.flowFile, line: 9, node: "welkom", message: "text 't.bestaatniet' does not exist")])
    }

    @Test func optionLabelThatDoesNotExist() throws {
        let errors = try Self.check(texts: Self.edit(Self.texts, "kleuren.blauw: {nl: \"Blauw\", en: \"Blue\"}", ""))
        #expect(errors == [FlowError(file: Self.flowFile, line: 13, node: "vraag", message: "text 'kleuren.blauw' does not exist")])
    }

    @Test func moduleTitleThatDoesNotExist() throws {
        let errors = try Self.check(texts: Self.edit(Self.texts, "t.module: {nl: \"Deel 1\", en: \"Part 1\"}", ""))
        #expect(errors == [FlowError(file: Self.flowFile, line: 7, node: nil, message: "text 't.module' does not exist")])
    }

    @Test func textWithoutEnglish() throws {
        let errors = try Self.check(
            texts: Self.edit(Self.texts, "t.welkom: {nl: \"Welkom\", en: \"Welcome\"}", "t.welkom: {nl: \"Welkom\"}"))
        #expect(errors == [FlowError(file: Self.textsFile, line: 2, node: "welkom", message: "text 't.welkom' has no en version")])
    }

    @Test func blockTextWithoutEnglishPointsAtItsKey() throws {
        let errors = try Self.check(
            texts: Self.edit(Self.texts, "t.welkom: {nl: \"Welkom\", en: \"Welcome\"}", "t.welkom:\n  nl: \"Welkom\""))
        #expect(errors == [FlowError(file: Self.textsFile, line: 2, node: "welkom", message: "text 't.welkom' has no en version")])
    }

    @Test(arguments: [
        ("Goede ideeën", "'ë'"),
        ("Zo’n mooie dag", "'’'"),
        ("Welkom 😀", "'😀'"),
        ("“Hallo” 😀 en ’t", "'“' '”' '😀' '’'")
    ])
    func textThatIsNotGSM7(text: String, named: String) throws {
        let errors = try Self.check(texts: Self.edit(Self.texts, "nl: \"Welkom\"", "nl: \"\(text)\""))
        #expect(
            errors == [
                FlowError(file: Self.textsFile, line: 2, node: "welkom", message: "text 't.welkom' (nl): not GSM-7 for SMS: \(named)")
            ])
    }

    @Test func gsm7ExtensionCharactersAreFine() throws {
        #expect(try Self.check(texts: Self.edit(Self.texts, "nl: \"Welkom\"", "nl: \"Welkom [1] {naam} 5 € ~ ^ é ü\"")) == [])
    }

    @Test(arguments: [(459, nil), (460, 4), (700, 5)] as [(Int, Int?)])
    func textLongerThanThreeSegments(length: Int, segments: Int?) throws {
        let long = String(repeating: "a", count: length)
        let errors = try Self.check(texts: Self.edit(Self.texts, "en: \"Welcome\"", "en: \"\(long)\""))
        if let segments {
            #expect(
                errors == [
                    FlowError(
                        file: Self.textsFile, line: 2, node: "welkom",
                        message: "text 't.welkom' (en): \(segments) SMS segments, more than 3")
                ])
        } else {
            #expect(errors == [])
        }
    }

    @Test func placeholdersDoNotCountTowardsTheLength() throws {
        let long = String(repeating: "a", count: 450) + "{kleur}{#kleur} {.}{/kleur}"
        #expect(try Self.check(texts: Self.edit(Self.texts, "en: \"Welcome\"", "en: \"\(long)\"")) == [])
    }

    @Test(arguments: ["Welkom {#kleur}rood", "Welkom {kleur", "Welkom {/kleur}", "Welkom {#a}x{/b}", "Welkom {a b}"])
    func textWithABrokenPlaceholder(_ text: String) throws {
        let errors = try Self.check(texts: Self.edit(Self.texts, "nl: \"Welkom\"", "nl: \"\(text)\""))
        #expect(
            errors == [
                FlowError(
                    file: Self.textsFile, line: 2, node: "welkom",
                    message: "text 't.welkom' (nl): a placeholder { } is not closed or not valid")
            ])
    }

    @Test func includedTextThatDoesNotExist() throws {
        let errors = try Self.check(texts: Self.edit(Self.texts, "nl: \"Welkom\"", "nl: \"Welkom {>t.weg}\""))
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message == "text 't.weg' does not exist")
        #expect(error.file == Self.textsFile)
        #expect(error.line == 2)
        #expect(error.node == "welkom")
    }

    @Test func includedTextIsCheckedForTheNodeThatShowsIt() throws {
        var texts = try Self.edit(Self.texts, "nl: \"Welkom\"", "nl: \"Welkom {>t.extra}\"")
        texts += "\nt.extra: {nl: \"ideeën\", en: \"ideas\"}"
        let errors = try Self.check(texts: texts)
        #expect(
            errors == [FlowError(file: Self.textsFile, line: 7, node: "welkom", message: "text 't.extra' (nl): not GSM-7 for SMS: 'ë'")])
    }

    @Test func textIncludedByAnIncludedTextThatDoesNotExist() throws {
        var texts = try Self.edit(Self.texts, "nl: \"Welkom\"", "nl: \"Welkom {>t.a}\"")
        texts += "\nt.a: {nl: \"a {>t.b}\", en: \"a\"}"
        let errors = try Self.check(texts: texts)
        #expect(errors == [FlowError(file: Self.textsFile, line: 7, node: "welkom", message: "text 't.b' does not exist")])
    }

    @Test func includedTextWithoutEnglish() throws {
        var texts = try Self.edit(Self.texts, "en: \"Welcome\"", "en: \"Welcome {>t.extra}\"")
        texts += "\nt.extra: {nl: \"extra\"}"
        let errors = try Self.check(texts: texts)
        #expect(errors == [FlowError(file: Self.textsFile, line: 7, node: "welkom", message: "text 't.extra' has no en version")])
    }

    @Test func missingSystemTextIsReported() throws {
        let system = try Self.edit(try Self.systemTexts(), "value.and:\n  nl: \"en\"\n  en: \"and\"\n", "")
        let library = try FlowLibrary(files: [(Self.flowFile, Self.flow), (Self.textsFile, Self.texts), ("system.texts.yaml", system)])
        let errors = FlowChecker.check(library)
        #expect(errors.map(\.message) == ["text 'value.and' does not exist"])
        #expect(errors.first.map { "\($0.file):\($0.line)" } == "\(Self.flowFile):1")
    }

    @Test func errorsAreSortedByFileAndLine() throws {
        var flow = try Self.edit(Self.flow, "    next: klaar", "    next: nergens")
        flow = try Self.edit(flow, "say: t.welkom", "say: t.bestaatniet")
        let texts = try Self.edit(Self.texts, "en: \"Done\"", "en: \"Done ’\"")
        let errors = try Self.check(flow: flow, texts: texts)
        #expect(
            errors.map { "\($0.file):\($0.line)" } == [
                "klein.flow.yaml:9", "klein.flow.yaml:13", "klein.flow.yaml:21", "klein.texts.yaml:4"
            ])
        #expect(errors.map(\.node) == ["welkom", "vraag", "klaar", "klaar"])
    }
}
