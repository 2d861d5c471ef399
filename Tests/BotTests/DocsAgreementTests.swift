import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Testing
import Yams

@testable import Bot

/// The docs (`README.md` and every `docs/**/*.md`, `operations.md` included) and the product agree.
/// The lists come from the code: the commands from the argument parser's configuration, the
/// config keys from what the config loader accepts, the routes from the router `wegwijzer serve`
/// builds. A new command, key or route without docs fails here, and so does a doc that names one
/// that does not exist.
///
/// What the docs must do (see docs/testing.md):
/// - name every command as `wegwijzer <command>` somewhere; every `wegwijzer ...` line in a shell
///   block, and every `wegwijzer ...` in the first column of a table headed `command`, names an
///   existing command and only its options;
/// - name every config key by its dotted path in code (`web.plain_http`) or in a YAML config
///   example; every key in the first column of a table headed `config key` exists; every YAML
///   block that looks like a config file (a known top-level key) loads;
/// - name every environment variable the server reads;
/// - name every route as `METHOD /path` (`GET /inwoners/{id}`); every route in the first column
///   of a table headed `route` is registered.
struct DocsAgreementTests {
    // MARK: The docs

    struct Table {
        let file: String
        let header: [String]
        let rows: [[String]]
    }

    struct CodeBlock {
        let file: String
        let language: String
        let text: String
    }

    struct Docs {
        var files: [(name: String, text: String)] = []

        static let shared: Docs = {
            var docs = Docs()
            let root = Fixtures.root
            docs.files.append(("README.md", (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""))
            let folder = root.appendingPathComponent("docs")
            let walker = FileManager.default.enumerator(atPath: folder.path)
            var names: [String] = []
            while let name = walker?.nextObject() as? String {
                if name.hasSuffix(".md") { names.append(name) }
            }
            for name in names.sorted() {
                docs.files.append(("docs/" + name, (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""))
            }
            return docs
        }()

        var all: String { files.map(\.text).joined(separator: "\n") }

        var codeBlocks: [CodeBlock] {
            var blocks: [CodeBlock] = []
            for (name, text) in files {
                var language: String?
                var lines: [Substring] = []
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("```") {
                        if let open = language {
                            blocks.append(CodeBlock(file: name, language: open, text: lines.joined(separator: "\n")))
                            language = nil
                            lines = []
                        } else {
                            language = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces).lowercased()
                        }
                    } else if language != nil {
                        lines.append(line)
                    }
                }
            }
            return blocks
        }

        /// Text outside fenced blocks, where tables and inline code live.
        var prose: [(name: String, lines: [String])] {
            files.map { name, text in
                var inside = false
                var lines: [String] = []
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                        inside.toggle()
                        continue
                    }
                    if !inside { lines.append(String(line)) }
                }
                return (name, lines)
            }
        }

        var tables: [Table] {
            var tables: [Table] = []
            for (name, lines) in prose {
                var i = 0
                while i < lines.count {
                    guard lines[i].hasPrefix("|"), i + 1 < lines.count, lines[i + 1].hasPrefix("|"),
                        lines[i + 1].allSatisfy({ "|-: ".contains($0) })
                    else {
                        i += 1
                        continue
                    }
                    let header = DocsAgreementTests.cells(lines[i])
                    var rows: [[String]] = []
                    i += 2
                    while i < lines.count, lines[i].hasPrefix("|") {
                        rows.append(DocsAgreementTests.cells(lines[i]))
                        i += 1
                    }
                    tables.append(Table(file: name, header: header, rows: rows))
                }
            }
            return tables
        }

        /// The first column of every table whose first header cell is `name`, as the code spans in it.
        func firstColumn(of name: String) -> [(file: String, code: String)] {
            tables.filter { $0.header.first?.lowercased() == name }.flatMap { table in
                table.rows.flatMap { row in DocsAgreementTests.codeSpans(row.first ?? "").map { (table.file, $0) } }
            }
        }

        var inlineCode: [String] {
            prose.flatMap { $0.lines.flatMap(DocsAgreementTests.codeSpans) }
        }
    }

    /// The cells of a table row; a `|` inside a code span or escaped belongs to its cell.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var inCode = false
        var previous: Character = " "
        for c in line {
            if c == "`" { inCode.toggle() }
            if c == "|", !inCode, previous != "\\" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(c)
            }
            previous = c
        }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        // The line starts and ends with `|`: drop the empty cells outside them.
        return Array(cells.dropFirst().dropLast(cells.last?.isEmpty == true ? 1 : 0))
    }

    static func codeSpans(_ text: String) -> [String] {
        text.matches(of: /`([^`]+)`/).map { String($0.1) }
    }

    // MARK: Commands, from the argument parser

    struct Command {
        let path: [String]
        let type: any ParsableCommand.Type
        var name: String { (["wegwijzer"] + path).joined(separator: " ") }
    }

    static func subcommands(of type: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
        type.configuration.subcommands
    }

    /// Every command the help shows, nested ones too.
    static var commands: [Command] {
        func walk(_ type: any ParsableCommand.Type, _ path: [String]) -> [Command] {
            subcommands(of: type).filter { $0.configuration.shouldDisplay }.flatMap { sub -> [Command] in
                let here = Command(path: path + [sub._commandName], type: sub)
                return [here] + walk(sub, here.path)
            }
        }
        return walk(Wegwijzer.self, [])
    }

    /// The long options a command accepts, read from its help (hidden ones too).
    static func options(of type: any ParsableCommand.Type) -> Set<String> {
        let help = Wegwijzer.helpMessage(for: type, includeHidden: true, columns: 200)
        return Set(help.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.0) })
    }

    /// Words of a shell line, with quotes removed.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var started = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                started = true
            } else if c == " " || c == "\t" {
                if started || !word.isEmpty { words.append(word) }
                word = ""
                started = false
            } else if c == "#", word.isEmpty, !started {
                break  // a comment to the end of the line
            } else {
                word.append(c)
            }
        }
        if started || !word.isEmpty { words.append(word) }
        return words
    }

    /// The arguments given to `wegwijzer` in a shell line: after `wegwijzer` (or a path ending in
    /// `/wegwijzer`), or after `scripts/run` (which passes them on), in every part of a pipe or `&&` chain.
    static func invocations(_ line: String) -> [[String]] {
        var line = line.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("$ ") { line.removeFirst(2) }
        var parts: [[String]] = [[]]
        for word in shellWords(line) {
            if ["|", "||", "&&", ";"].contains(word) { parts.append([]) } else { parts[parts.count - 1].append(word) }
        }
        return parts.compactMap { part in
            let words = part.drop { $0.wholeMatch(of: /[A-Z_][A-Z0-9_]*=.*/) != nil }
            guard let first = words.first else { return nil }
            if first == "wegwijzer" || first.hasSuffix("/wegwijzer") { return Array(words.dropFirst()) }
            if first == "scripts/run", words.count > 1 { return Array(words.dropFirst()) }
            return nil
        }
    }

    /// What is wrong with `wegwijzer <arguments>` as the docs write it (placeholders are fine), or nil.
    static func problem(with arguments: [String]) -> String? {
        var type: any ParsableCommand.Type = Wegwijzer.self
        var path: [String] = []
        var rest = arguments[...]
        while let word = rest.first, let sub = subcommands(of: type).first(where: { $0._commandName == word }) {
            type = sub
            path.append(word)
            rest = rest.dropFirst()
        }
        let name = (["wegwijzer"] + path).joined(separator: " ")
        if path.isEmpty, let word = rest.first, !word.hasPrefix("-"), !word.hasPrefix("[") {
            return "there is no command `wegwijzer \(word)`"
        }
        if !subcommands(of: type).isEmpty, let word = rest.first, !word.hasPrefix("-"), !word.hasPrefix("[") {
            return "`\(name)` has no subcommand `\(word)`"
        }
        let known = options(of: type)
        for word in rest {
            let option = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]()")).split(separator: "=").first.map(String.init) ?? ""
            guard option.hasPrefix("--") else { continue }
            if !known.contains(option) { return "`\(name)` has no option `\(option)`" }
        }
        return nil
    }

    @Test func everyCommandIsInTheDocs() {
        let text = Docs.shared.all
        #expect(Self.commands.count >= 15, "the command list is read from the parser's configuration")
        for command in Self.commands {
            let pattern = try! Regex(NSRegularExpression.escapedPattern(for: command.name) + #"(?![\w-])"#)
            #expect(text.contains(pattern), "`\(command.name)` is not in README.md or docs/")
        }
    }

    @Test func everyCommandTheDocsShowExists() {
        var checked = 0
        for block in Docs.shared.codeBlocks where ["", "sh", "shell", "bash", "console"].contains(block.language) {
            for line in block.text.split(separator: "\n") {
                for arguments in Self.invocations(String(line)) {
                    checked += 1
                    if let problem = Self.problem(with: arguments) {
                        Issue.record("\(block.file): \(line.trimmingCharacters(in: .whitespaces)): \(problem)")
                    }
                }
            }
        }
        for (file, code) in Docs.shared.firstColumn(of: "command") {
            for arguments in Self.invocations(code) {
                checked += 1
                if let problem = Self.problem(with: arguments) { Issue.record("\(file): command table: `\(code)`: \(problem)") }
            }
        }
        #expect(checked >= 20, "the docs show commands in shell blocks and in a command table")
    }

    @Test func theCommandCheckCatchesMistakes() {
        #expect(Self.problem(with: ["chat", "--phone", "0612345678"]) == nil)
        #expect(Self.problem(with: ["user", "add", "--email", "E", "[--admin]"]) == nil)
        #expect(Self.problem(with: ["flows", "check", "DIR"]) == nil)
        #expect(Self.problem(with: ["chatt"]) != nil)
        #expect(Self.problem(with: ["user", "remove"]) != nil)
        #expect(Self.problem(with: ["plan", "--fone", "N"]) != nil)
        #expect(Self.invocations("TWILIO_AUTH_TOKEN=x wegwijzer serve --port 8080  # comment") == [["serve", "--port", "8080"]])
        #expect(Self.invocations("printf 'pw\\n' | wegwijzer user add --email 'a b'") == [["user", "add", "--email", "a b"]])
        #expect(Self.invocations("scripts/run flows check") == [["flows", "check"]])
        #expect(Self.invocations("\"$B\"/wegwijzer plan --db demo.sqlite &") == [["plan", "--db", "demo.sqlite", "&"]])
        #expect(Self.invocations("scripts/run").isEmpty)
    }

    // MARK: Config keys, from the config loader

    static let probeKey = "zz_probe"

    /// The environment a probe or a docs example loads with: every secret set, through a secrets file
    /// (which wins over a `secrets_file` an example names).
    static let secretsEnvironment: [String: String] = {
        let url = (try? Fixtures.temporaryDirectory())!.appendingPathComponent("secrets")
        let lines = ServeConfig.Secret.allCases.map { "\($0.rawValue)=docs-test-secret" }.joined(separator: "\n")
        try? lines.write(to: url, atomically: true, encoding: .utf8)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return ["WEGWIJZER_SECRETS_FILE": url.path]
    }()

    static func load(_ tree: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: tree)
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("config.json")
        try data.write(to: url)
        _ = try ServeConfig.load(file: url.path, environment: secretsEnvironment)
    }

    /// The keys the loader knows under `prefix`, from its refusal of an unknown key; nil when
    /// `prefix` is not a section.
    static func knownKeys(under prefix: [String]) -> [String]? {
        var tree: Any = [probeKey: 1]
        for key in prefix.reversed() { tree = [key: tree] }
        let dotted = prefix.isEmpty ? "" : prefix.joined(separator: ".") + "."
        do {
            try load(tree)
            return nil
        } catch {
            let text = "\(error)"
            guard text.contains("unknown config key '\(dotted)\(probeKey)'"),
                let open = text.range(of: "(known: "), let close = text.range(of: ")", options: .backwards)
            else { return nil }
            return text[open.upperBound..<close.lowerBound].split(separator: ",").map {
                String($0.trimmingCharacters(in: .whitespaces).dropFirst(dotted.count))
            }
        }
    }

    /// Every config key the loader accepts, as dotted paths; sections and the keys in them.
    static let configKeys: [String] = {
        func walk(_ prefix: [String]) -> [String] {
            guard prefix.count < 5, let keys = knownKeys(under: prefix) else { return [] }
            return keys.flatMap { key in [(prefix + [key]).joined(separator: ".")] + walk(prefix + [key]) }
        }
        return walk([])
    }()

    /// Dotted key paths of a YAML mapping, sections included.
    static func keyPaths(_ value: Any, _ prefix: String = "") -> [String] {
        guard let mapping = value as? [String: Any] else { return [] }
        return mapping.flatMap { key, inner in
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            return [path] + keyPaths(inner, path)
        }
    }

    /// YAML blocks in the docs that are config examples: a mapping with a known top-level key.
    static var configExamples: [(file: String, tree: [String: Any])] {
        let topLevel = Set(configKeys.filter { !$0.contains(".") })
        return Docs.shared.codeBlocks.filter { $0.language == "yaml" || $0.language == "yml" }.compactMap { block in
            guard let tree = (try? Yams.load(yaml: block.text)) as? [String: Any], !topLevel.isDisjoint(with: tree.keys) else { return nil }
            return (block.file, tree)
        }
    }

    @Test func theConfigKeysAreReadFromTheLoader() {
        let keys = Set(Self.configKeys)
        for key in ["host", "channels", "channels.twilio", "channels.twilio.reply_mode", "web.plain_http", "dispatcher.lease_seconds"] {
            #expect(keys.contains(key), "\(key) should be found by probing the loader")
        }
        #expect(!keys.contains("port.\(Self.probeKey)"))
    }

    @Test func everyConfigKeyIsInTheDocs() {
        let code = Set(
            Docs.shared.inlineCode.flatMap { span in
                [span.trimmingCharacters(in: .whitespaces)] + [String(span.split(whereSeparator: { " :=".contains($0) }).first ?? "")]
            })
        let examples = Set(Self.configExamples.flatMap { Self.keyPaths($0.tree) })
        for key in Self.configKeys where !code.contains(key) && !examples.contains(key) {
            Issue.record("config key `\(key)` is not in README.md or docs/ (as `\(key)` or in a YAML config example)")
        }
    }

    @Test func everyConfigKeyTheDocsNameExists() {
        let keys = Set(Self.configKeys)
        let named = Docs.shared.firstColumn(of: "config key")
        #expect(named.count >= 10, "the docs have a table headed `config key`")
        for (file, code) in named {
            let key = String(code.split(whereSeparator: { " :=".contains($0) }).first ?? "")
            #expect(keys.contains(key), "\(file): config key `\(key)` is not accepted by the config loader")
        }
    }

    @Test func everyConfigExampleInTheDocsLoads() {
        #expect(!Self.configExamples.isEmpty)
        for (file, tree) in Self.configExamples {
            do { try Self.load(tree) } catch { Issue.record("\(file): a config example does not load: \(error)") }
        }
    }

    /// The environment variables the server reads: the channel secrets and every
    /// `environment["..."]` in the sources.
    static var environmentVariables: Set<String> {
        var names = Set(ServeConfig.Secret.allCases.map(\.rawValue))
        let sources = Fixtures.root.appendingPathComponent("Sources/Bot")
        let walker = FileManager.default.enumerator(atPath: sources.path)
        while let name = walker?.nextObject() as? String {
            guard name.hasSuffix(".swift"), let text = try? String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8) else {
                continue
            }
            for match in text.matches(of: /environment\["([A-Z][A-Z0-9_]*)"\]/) { names.insert(String(match.1)) }
        }
        return names
    }

    @Test func everyEnvironmentVariableIsInTheDocs() {
        let text = Docs.shared.all
        #expect(Self.environmentVariables.contains("WEGWIJZER_DB"))
        for name in Self.environmentVariables.sorted() where !text.contains(name) {
            Issue.record("environment variable \(name) is not in README.md or docs/")
        }
    }

    // MARK: Routes, from the router `wegwijzer serve` builds

    struct Route: Hashable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method) \(path)" }
    }

    /// `{id}`, `:id`, `<id>`, `N` and numbers all stand for a parameter.
    static func normalized(_ path: String) -> String {
        var path = path
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        while path.count > 1, let last = path.last, ".,;:)".contains(last) { path.removeLast() }
        let segments = path.split(separator: "/").map { segment -> String in
            if segment.hasPrefix(":") || segment.hasPrefix("{") || segment.hasPrefix("<") || segment == "N"
                || segment.allSatisfy(\.isNumber)
            {
                return "*"
            }
            return String(segment)
        }
        return "/" + segments.joined(separator: "/")
    }

    /// Every route with every channel and the web view switched on.
    static let routes: Set<Route> = {
        var found: [Route] = []
        let database = try! AppDatabase.inMemory()
        _ = try! buildApplication(
            config: TestServer.config(), database: database, library: Fixtures.library, clock: .fixed(Fixtures.start),
            transport: FakeProvider().transport, logger: Logger(label: "docs"), runDispatcher: false,
            inspectRoutes: { router in
                found = router.routes.map { Route(method: $0.method.rawValue, path: normalized("\($0.path)")) }
            })
        return Set(found)
    }()

    /// `GET /a`, `POST /a`, `GET/POST /a` in a text.
    static func routesNamed(in text: String) -> [Route] {
        text.matches(of: /\b((?:GET|POST|PUT|PATCH|DELETE|HEAD)(?:\/(?:GET|POST|PUT|PATCH|DELETE|HEAD))*) (\/[^\s`|*]*)/).flatMap { match in
            match.1.split(separator: "/").map { Route(method: String($0), path: normalized(String(match.2))) }
        }
    }

    @Test func theRoutesAreReadFromTheRouter() {
        #expect(Self.routes.contains(Route(method: "POST", path: "/webhooks/twilio")))
        #expect(Self.routes.contains(Route(method: "GET", path: "/inwoners/*/plan")))
        #expect(Self.routes.contains(Route(method: "GET", path: "/healthz")))
        #expect(
            Self.routesNamed(in: "`GET/POST /login` and GET /inwoners/{id}.") == [
                Route(method: "GET", path: "/login"), Route(method: "POST", path: "/login"), Route(method: "GET", path: "/inwoners/*")
            ])
    }

    @Test func everyRouteIsInTheDocs() {
        let named = Set(Self.routesNamed(in: Docs.shared.all))
        for route in Self.routes.sorted(by: { $0.description < $1.description }) where !named.contains(route) {
            Issue.record(
                "route `\(route)` is not in README.md or docs/ (write it as `\(route.method) \(route.path.replacingOccurrences(of: "*", with: "{id}"))`)"
            )
        }
    }

    @Test func everyRouteTheDocsNameExists() {
        let named = Docs.shared.firstColumn(of: "route")
        #expect(named.count >= 10, "the docs have a table headed `route`")
        for (file, code) in named {
            let routes = Self.routesNamed(in: code)
            #expect(!routes.isEmpty, "\(file): `\(code)` in a route table is not `METHOD /path`")
            for route in routes where !Self.routes.contains(route) {
                Issue.record("\(file): route `\(route)` is not registered by the server")
            }
        }
    }
}
