import Foundation
import Testing

@testable import Dialog

/// The flow loader on mutated copies of the shipped flow files (lines deleted, duplicated, moved,
/// re-indented, keys and values garbled, hostile text) and on random YAML: it loads, or it throws
/// a `FlowError` that names one of the files and a line inside it. Never a crash. `FUZZ_FLOWS` cases
/// (default 200; `scripts/fuzz` runs 2,000) from `FUZZ_SEED`.
struct FlowLoaderFuzzTests {
    static func mutate(_ text: String, _ r: inout FuzzRandom) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<r.int(1...4) {
            let i = r.int(0...max(0, lines.count - 1))
            switch r.int(0...9) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: r.int(0...lines.count))
            case 2: lines.swapAt(i, r.int(0...lines.count - 1))
            case 3: lines[i] = String(repeating: " ", count: r.int(0...12)) + lines[i].trimmingCharacters(in: .whitespaces)
            case 4: lines[i] = FuzzStrings.mutate(lines[i], &r)
            case 5: lines[i] += r.pick([":", " #", " [", " {", "\"", "'", " &a", " *a", " !!binary", "\t", " |", " >-", ": : :"])
            case 6:
                lines.insert(
                    r.pick([
                        "  - id: x", "    say: nergens", "    next: bestaat_niet", "    ask: {type: 7}",
                        "start: ", "nodes: 3", "version: -1", "---", "...", "%YAML 1.1", "flow:"
                    ]), at: i)
            case 7:
                // A value replaced by hostile text.
                if let colon = lines[i].firstIndex(of: ":") { lines[i] = String(lines[i][...colon]) + " " + FuzzStrings.make(&r) }
            case 8: lines = Array(lines.prefix(i))
            default: lines[i] = String(lines[i].reversed())
            }
            if lines.isEmpty { break }
        }
        return lines.joined(separator: "\n")
    }

    static func randomYAML(_ r: inout FuzzRandom) -> String {
        switch r.int(0...3) {
        case 0: return String(repeating: "[", count: r.int(1...3_000))
        case 1: return String(repeating: "- ", count: r.int(1...500)) + "x"
        case 2: return (0..<r.int(1...30)).map { _ in FuzzStrings.make(&r) }.joined(separator: "\n")
        default:
            return "flow: f\nversion: 1\nstart: a\nnodes:\n"
                + (0..<r.int(0...20)).map { n in
                    "  - id: \(r.chance(0.8) ? "n\(n)" : FuzzStrings.make(&r))\n    \(r.pick(["say", "ask", "end", "branch", "each", "pause", "x"])): \(FuzzStrings.make(&r))"
                }.joined(separator: "\n")
        }
    }

    @Test func mutatedFlowFilesLoadOrNameFileAndLine() throws {
        let count = ProcessInfo.processInfo.environment["FUZZ_FLOWS"].flatMap(Int.init) ?? 200
        let seed = FuzzRandom.seed
        var r = FuzzRandom(seed: seed)
        let shipped = try DefaultFlows.files()
        var loaded = 0
        var refused = 0
        var checkerErrors = 0
        var broken: [String] = []
        for n in 1...count {
            var files = shipped
            let target = r.int(0...files.count - 1)
            files[target].contents = r.chance(0.9) ? Self.mutate(files[target].contents, &r) : Self.randomYAML(&r)
            let lineCount = files[target].contents.components(separatedBy: "\n").count
            do {
                let library = try FlowLibrary(files: files)
                loaded += 1
                for error in FlowChecker.check(library) {
                    checkerErrors += 1
                    if !shipped.contains(where: { $0.name == error.file }) || error.line < 0 {
                        broken.append("case \(n) of FUZZ_SEED=\(seed): checker error without a file: \(error)")
                    }
                }
            } catch {
                refused += 1
                let named = files.first { $0.name == error.file }
                let lines = named.map { $0.contents.components(separatedBy: "\n").count } ?? 0
                if named == nil || error.line < 1 || error.line > lines + 1 || error.message.isEmpty {
                    broken.append("case \(n) of FUZZ_SEED=\(seed) (\(files[target].name), \(lineCount) lines): \(error)")
                }
            }
            if broken.count > 10 { break }
        }
        print(
            "fuzz flow loader: FUZZ_SEED=\(seed), \(loaded + refused) mutated flow sets, \(refused) refused with file:line, \(loaded) loaded (\(checkerErrors) checker findings), \(broken.count) unclear errors"
        )
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
        #expect(refused > 0)
    }
}
