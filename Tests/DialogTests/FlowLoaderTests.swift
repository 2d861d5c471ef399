import Foundation
import Testing

@testable import Dialog

/// Broken flow and text files: every error must name the file, the line and (where there is one)
/// the node, so `wegwijzer flows check` points at the mistake.
struct FlowLoaderTests {
    static let file = "test.flow.yaml"

    /// A small valid flow; the numbers are the lines.
    static let valid = """
        flow: levenskracht
        version: 1
        start: a
        nodes:
          - id: a
            say: t.hallo
            next: b
          - id: b
            end: true
        """

    static func decodeError(_ text: String, file: String = file) -> FlowError? {
        do {
            _ = try FlowDecoder.decode(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    static func libraryError(_ files: [(name: String, contents: String)]) -> FlowError? {
        do {
            _ = try FlowLibrary(files: files)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - A valid flow

    @Test func validFlowDecodesWithLines() throws {
        let flow = try FlowDecoder.decode(Self.valid, file: Self.file)
        #expect(flow.id == "levenskracht")
        #expect(flow.version == 1)
        #expect(flow.start == "a")
        #expect(flow.file == Self.file)
        #expect(flow.order == ["a", "b"])
        #expect(flow.nodes["a"]?.line == 5)
        #expect(flow.nodes["b"]?.line == 8)
        #expect(flow.nodes["a"]?.next == "b")
        guard case .say(let keys)? = flow.nodes["a"]?.kind else {
            Issue.record("node a is not a say node")
            return
        }
        #expect(keys == ["t.hallo"])
        guard case .end(nil)? = flow.nodes["b"]?.kind else {
            Issue.record("`end: true` must be an end without text")
            return
        }
    }

    // MARK: - The file itself

    @Test func invalidYAMLNamesTheLineOfTheProblem() throws {
        let text = """
            flow: levenskracht
            version: 1
            start: a
              oops: here
            nodes: []
            """
        let error = try #require(Self.decodeError(text))
        #expect(error.file == Self.file)
        #expect(error.line == 4)
        #expect(error.node == nil)
        #expect(error.message.hasPrefix("not valid YAML: "))
    }

    @Test func invalidYAMLInANodeNamesItsLine() throws {
        let text = """
            flow: levenskracht
            version: 1
            start: a
            nodes:
              - id: a
                say: "t.hallo
                next: b
            """
        let error = try #require(Self.decodeError(text))
        #expect(error.message == "not valid YAML: found unexpected end of stream")
        // The unclosed quote starts on line 6; libyaml notices (and reports) the end of the stream.
        #expect(error.line == 7)
        #expect(error.node == nil)
    }

    @Test func aDuplicateKeyNamesTheMappingsLine() throws {
        let text = Self.valid.replacingOccurrences(of: "    next: b", with: "    next: b\n    next: a")
        let error = try #require(Self.decodeError(text))
        #expect(error.line > 1, "\(error)")
        #expect(error.message.contains("'next' appears twice"), "\(error)")
    }

    @Test func emptyFileIsAnError() throws {
        let error = try #require(Self.decodeError("# only a comment\n"))
        #expect(error == FlowError(file: Self.file, line: 1, message: "the file is empty"))
    }

    @Test func unknownTopLevelKeyNamesItsLine() throws {
        let text = Self.valid.replacingOccurrences(of: "start: a\n", with: "start: a\ntitel: Hallo\n")
        let error = try #require(Self.decodeError(text))
        #expect(error.file == Self.file)
        #expect(error.line == 4)
        #expect(error.node == nil)
        #expect(
            error.message.hasPrefix(
                "unknown key 'titel' (allowed: commands, flow, hours, limits, lists, menu, modules, moved, nodes, start, version)"))
    }

    @Test func unknownTopLevelKeyWithABlockValueNamesTheKeyLine() throws {
        let text = Self.valid.replacingOccurrences(of: "start: a\n", with: "start: a\nextra:\n  - 1\n  - 2\n")
        let error = try #require(Self.decodeError(text))
        #expect(error.line == 4, "the error must point at 'extra:', not at the list below it")
        #expect(error.message.hasPrefix("unknown key 'extra'"))
    }

    @Test func missingRequiredTopLevelKey() throws {
        let text = Self.valid.replacingOccurrences(of: "start: a\n", with: "")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 1, message: "missing 'start'"))
    }

    // MARK: - Nodes

    @Test func nodeWithoutID() throws {
        let text = Self.valid.replacingOccurrences(of: "  - id: b\n    end: true", with: "  - end: true")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 8, node: nil, message: "a node needs an 'id'"))
    }

    @Test func duplicateNodeIDNamesTheSecondNode() throws {
        let text = Self.valid + "\n  - id: a\n    end: true"
        let error = try #require(Self.decodeError(text))
        #expect(error.file == Self.file)
        #expect(error.line == 10)
        #expect(error.node == "a")
        #expect(error.message == "node id 'a' is used twice")
    }

    @Test func unknownKeyOnANodeNamesTheNode() throws {
        let text = Self.valid.replacingOccurrences(of: "    next: b", with: "    nxet: b")
        let error = try #require(Self.decodeError(text))
        #expect(error.line == 7)
        #expect(error.node == "a")
        #expect(error.message.hasPrefix("unknown key 'nxet'"))
    }

    @Test func twoKindsOnOneNode() throws {
        let text = Self.valid.replacingOccurrences(
            of: "    say: t.hallo\n", with: "    say: t.hallo\n    ask: t.vraag\n    answer: yesno\n")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 5, node: "a", message: "a node has one kind, found say and ask"))
    }

    @Test(arguments: [
        "answer: x",
        "answer: {type: x}"
    ])
    func unknownAnswerType(_ answer: String) throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n", with: "    ask: t.vraag\n    \(answer)\n")
        let error = try #require(Self.decodeError(text))
        #expect(error.file == Self.file)
        #expect(error.line == 7)
        #expect(error.node == "a")
        #expect(error.message.hasPrefix("answer type 'x' has no validator (known: score, yesno, choice"))
    }

    @Test(arguments: [
        "answer: {type: choice}",
        "answer: {type: choice, multiple: true}",
        "answer: choice"
    ])
    func choiceWithoutOptions(_ answer: String) throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n", with: "    ask: t.vraag\n    \(answer)\n")
        let error = try #require(Self.decodeError(text), "'\(answer)' must not load")
        #expect(error == FlowError(file: Self.file, line: 7, node: "a", message: "a choice needs 'options'"))
    }

    @Test func optionsOnlyOnAChoice() throws {
        let text = Self.valid.replacingOccurrences(
            of: "    say: t.hallo\n", with: "    ask: t.vraag\n    answer: {type: yesno, options: kleuren}\n")
        let error = try #require(Self.decodeError(text))
        #expect(
            error == FlowError(file: Self.file, line: 7, node: "a", message: "only a choice, owner, amount, person or text has 'options'"))
    }

    @Test func askWithoutAnswer() throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n", with: "    ask: t.vraag\n")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 6, node: "a", message: "an 'ask' node needs an 'answer'"))
    }

    @Test(arguments: ["answer: yesno", "save: x", "help: t.hulp", "optional: true", "on_stuck: b"])
    func askKeysOnASayNode(_ line: String) throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n", with: "    say: t.hallo\n    \(line)\n")
        let error = try #require(Self.decodeError(text))
        let key = String(line.prefix { $0 != ":" })
        #expect(error == FlowError(file: Self.file, line: 7, node: "a", message: "'\(key)' belongs on an 'ask' node"))
    }

    struct BadPath: Sendable, CustomTestStringConvertible {
        var node: String
        var line: Int
        var message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        BadPath(
            node: "    ask: t.vraag\n    answer: score\n    save: score[lg\n", line: 8,
            message: "invalid path 'score[lg': missing ]"),
        BadPath(
            node: "    ask: t.vraag\n    answer: score\n    save: score..lg\n", line: 8,
            message: "invalid path 'score..lg': empty segment"),
        BadPath(
            node: "    say: t.hallo\n    when:\n      - {if: \"x.\", go: b}\n", line: 8,
            message: "invalid path 'x.': ends with '.'"),
        BadPath(
            node: "    say: t.hallo\n    actions:\n      - set: {\"a b\": 1}\n", line: 8,
            message: "invalid path 'a b': unexpected character ' '"),
        BadPath(
            node: "    say: t.hallo\n    actions:\n      - append: lijst\n        value: x[y]z\n", line: 9,
            message: "invalid path 'x[y]z': expected '.'")
    ])
    func badPath(_ bad: BadPath) throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n", with: bad.node)
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: bad.line, node: "a", message: bad.message))
    }

    @Test(arguments: ["as: lg\n    do: b", "do: b\n    then: b", "as: lg\n    then: b"])
    func eachNeedsAsDoAndThen(_ rest: String) throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n    next: b", with: "    each: lijst\n    \(rest)")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 6, node: "a", message: "'each' needs 'as', 'do' and 'then'"))
    }

    @Test func eachDecodesItsParts() throws {
        let text = Self.valid.replacingOccurrences(
            of: "    say: t.hallo\n    next: b", with: "    each: gekozen\n    as: lg\n    do: a\n    then: b")
        let flow = try FlowDecoder.decode(text, file: Self.file)
        guard case .each(let list, let alias, let body, let then)? = flow.nodes["a"]?.kind else {
            Issue.record("not an each node")
            return
        }
        #expect(list == (try Path(parsing: "gekozen")))
        #expect(alias == "lg")
        #expect(body == "a")
        #expect(then == "b")
        #expect(flow.nodes["a"]?.targets == ["a", "b"])
    }

    @Test func limitMustBePositive() throws {
        let text = Self.valid.replacingOccurrences(of: "start: a\n", with: "start: a\nlimits:\n  max_tries: 0\n")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 5, message: "'max_tries' must be more than 0"))
    }

    @Test func unknownCommandLanguage() throws {
        let text = Self.valid.replacingOccurrences(of: "start: a\n", with: "start: a\ncommands:\n  languages:\n    fr: [francais]\n")
        let error = try #require(Self.decodeError(text))
        #expect(error == FlowError(file: Self.file, line: 6, message: "unknown language 'fr'"))
    }

    // MARK: - The library: texts and flows together

    static let texts = """
        t.hallo:
          nl: "Hallo"
          en: "Hello"
        t.vraag: {nl: "Vraag?", en: "Question?"}
        """

    @Test func libraryLoadsFlowsAndTexts() throws {
        let library = try FlowLibrary(files: [("a.flow.yaml", Self.valid), ("a.texts.yaml", Self.texts), ("notes.md", "# not yaml: [")])
        #expect(library.flows.keys.sorted() == ["levenskracht"])
        #expect(library.catalog.text("t.hallo", .en) == "Hello")
        #expect(library.catalog.text("t.vraag", .nl) == "Vraag?")
        #expect(library.catalog.entries["t.hallo"]?.file == "a.texts.yaml")
        #expect(library.catalog.entries["t.hallo"]?.line == 1)
        #expect(library.catalog.entries["t.vraag"]?.line == 4)
    }

    @Test func duplicateTextKeyNamesTheOtherFileAndLine() throws {
        let other = """
            # more texts
            t.bye: {nl: "Doei", en: "Bye"}
            t.hallo: {nl: "Hoi", en: "Hi"}
            """
        let error = try #require(
            Self.libraryError([
                ("levenskracht.flow.yaml", Self.valid), ("b.texts.yaml", other), ("a.texts.yaml", Self.texts)
            ]))
        #expect(error.file == "b.texts.yaml")
        #expect(error.line == 3)
        #expect(error.node == nil)
        #expect(error.message == "text 't.hallo' is also defined in a.texts.yaml:1")
        #expect(error.description == "b.texts.yaml:3: text 't.hallo' is also defined in a.texts.yaml:1")
    }

    @Test func unknownLanguageInTexts() throws {
        let texts = Self.texts + "\nt.doei:\n  nl: \"Doei\"\n  de: \"Tschuss\"\n"
        let error = try #require(Self.libraryError([("levenskracht.flow.yaml", Self.valid), ("a.texts.yaml", texts)]))
        #expect(error == FlowError(file: "a.texts.yaml", line: 7, message: "text 't.doei': unknown language 'de' (known: nl, en)"))
    }

    @Test func textMustBeASingleValue() throws {
        let texts = "t.lijst:\n  nl: [een, twee]\n"
        let error = try #require(Self.libraryError([("levenskracht.flow.yaml", Self.valid), ("a.texts.yaml", texts)]))
        #expect(error == FlowError(file: "a.texts.yaml", line: 2, message: "expected a single value"))
    }

    @Test func missingMainFlow() throws {
        let other = Self.valid.replacingOccurrences(of: "flow: levenskracht", with: "flow: anders")
        let error = try #require(Self.libraryError([("anders.flow.yaml", other), ("a.texts.yaml", Self.texts)]))
        #expect(error.message == "no flow with id 'levenskracht' found")
        #expect(error.line == 1)
        #expect(error.node == nil)
        #expect(["anders.flow.yaml", "a.texts.yaml"].contains(error.file))
    }

    @Test func noFilesAtAll() throws {
        let error = try #require(Self.libraryError([]))
        #expect(error == FlowError(file: "(no files)", line: 1, message: "no flow with id 'levenskracht' found"))
    }

    @Test func sameFlowInTwoFiles() throws {
        let error = try #require(Self.libraryError([("b.flow.yaml", Self.valid), ("a.flow.yaml", Self.valid)]))
        #expect(error == FlowError(file: "b.flow.yaml", line: 1, message: "flow 'levenskracht' is also defined in a.flow.yaml"))
    }

    @Test func errorInAFlowFileOfTheLibraryNamesThatFile() throws {
        let broken = Self.valid.replacingOccurrences(of: "    next: b", with: "    next: [b]")
        let error = try #require(Self.libraryError([("levenskracht.flow.yaml", broken), ("a.texts.yaml", Self.texts)]))
        #expect(error == FlowError(file: "levenskracht.flow.yaml", line: 7, node: "a", message: "expected a single value"))
    }

    // MARK: - The message

    @Test func descriptionWithNode() {
        let error = FlowError(file: "x.flow.yaml", line: 12, node: "m1_kies", message: "goes to unknown node 'y'")
        #expect(error.description == "x.flow.yaml:12: node 'm1_kies': goes to unknown node 'y'")
    }

    @Test func descriptionWithoutNode() {
        let error = FlowError(file: "x.texts.yaml", line: 3, message: "the file is empty")
        #expect(error.description == "x.texts.yaml:3: the file is empty")
    }

    @Test func descriptionOfADecodedError() throws {
        let text = Self.valid.replacingOccurrences(of: "    say: t.hallo\n", with: "    ask: t.vraag\n    answer: x\n")
        let error = try #require(Self.decodeError(text))
        #expect(error.description.hasPrefix("test.flow.yaml:7: node 'a': answer type 'x' has no validator"))
    }

    // MARK: - Alias bombs

    /// Nine levels of ten aliases each: a billion leaves if anything expanded them.
    static let bombAnchors = (1...8).reduce(["    - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]) { lines, level in
        lines + ["    - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]"]
    }.joined(separator: "\n")

    /// Yams shares an aliased node instead of copying it, and every reader wants a flat value where
    /// the bomb puts a nested list, so a bomb anywhere is refused at once with its file and line.
    @Test(arguments: ["say: *a8", "answer: {type: choice, options: *a8}", "end: *a8", "set: {x: *a8}"])
    func anAliasBombInANodeIsRefusedWithItsLine(_ field: String) throws {
        let flow = """
            flow: levenskracht
            version: 1
            start: a
            lists:
              bom:
            \(Self.bombAnchors)
            nodes:
              - id: a
                \(field)
                next: b
              - id: b
                end: true
            """
        let error = try #require(Self.decodeError(flow))
        #expect(error.file == Self.file)
        #expect(error.line >= 5, "\(error)")
    }

    @Test func anAliasBombInTextsIsRefusedWithItsLine() throws {
        let texts = Self.texts + "\nt.bom:\n  nl: *a8\n  en: x\nt.anker:\n  lijst:\n\(Self.bombAnchors)\n"
        let error = try #require(Self.libraryError([("levenskracht.flow.yaml", Self.valid), ("a.texts.yaml", texts)]))
        #expect(error.file == "a.texts.yaml")
        #expect(error.line > 1)
    }
}
