import Foundation

/// The golden-transcript format: a conversation as text, replayable through the engine.
///
/// ```
/// # flow: levenskracht
/// # start: 2026-11-23T10:00:00+01:00
/// > ja                  what the inwoner sends
/// < Vraag 1 van 4       what Wegwijzer sends (`| ` continues a message on the next line)
/// = score.geld 7        an answer stored
/// + score score-3 {...} a record stored
/// ! stuck_question m1_cijfer
/// ~ ended               other effects
/// @ +2d 09:00           time moves on (days, then the clock time in Europe/Amsterdam)
/// ```
public struct Transcript: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case input(String)
        case begin
        case time(String)
    }

    public var flow: String
    public var start: Date
    public var language: Language
    public var steps: [Step]

    public init(flow: String, start: Date, language: Language, steps: [Step] = []) {
        self.flow = flow
        self.start = start
        self.language = language
        self.steps = steps
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads the inputs of a transcript; the expected outputs are ignored (the replay makes them).
    public init(parsing text: String) throws(ParseError) {
        var flow = FlowLibrary.mainFlowID
        var start: Date?
        var language = Language.nl
        var steps: [Step] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("# flow: ") {
                flow = String(line.dropFirst(8))
            } else if line.hasPrefix("# start: ") {
                guard let date = ISO8601DateFormatter().date(from: String(line.dropFirst(9))) else {
                    throw ParseError(line: n + 1, message: "start is not an ISO 8601 time")
                }
                start = date
            } else if line.hasPrefix("# lang: ") {
                guard let l = Language(rawValue: String(line.dropFirst(8))) else {
                    throw ParseError(line: n + 1, message: "unknown language")
                }
                language = l
            } else if line.hasPrefix("> ") {
                steps.append(.input(String(line.dropFirst(2))))
            } else if line == ">" {
                steps.append(.input(""))
            } else if line == "* begin" {
                steps.append(.begin)
            } else if line.hasPrefix("@ ") {
                steps.append(.time(String(line.dropFirst(2))))
            }
        }
        guard let start else { throw ParseError(line: 1, message: "missing '# start: <ISO 8601>'") }
        self.init(flow: flow, start: start, language: language, steps: steps)
    }

    public var header: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        return "# flow: \(flow)\n# start: \(formatter.string(from: start))\n# lang: \(language.rawValue)\n"
    }

    /// Moves `now` as a `@` line says: `+2d`, `+3h`, `+30m`, optionally followed by `HH:MM`.
    public static func move(_ now: Date, by spec: String, calendar: Calendar) -> Date? {
        var date = now
        for part in spec.split(separator: " ") {
            if part.hasPrefix("+"), let unit = part.last, let amount = Int(part.dropFirst().dropLast()) {
                let component: Calendar.Component
                switch unit {
                case "d": component = .day
                case "h": component = .hour
                case "m": component = .minute
                default: return nil
                }
                guard let moved = calendar.date(byAdding: component, value: amount, to: date) else { return nil }
                date = moved
            } else {
                let hm = part.split(separator: ":").compactMap { Int($0) }
                guard hm.count == 2,
                    let set = calendar.date(bySettingHour: hm[0], minute: hm[1], second: 0, of: date)
                else { return nil }
                date = set
            }
        }
        return date
    }

    /// Where two transcripts first differ, for a test failure; nil when they are the same.
    public static func difference(expected: String, actual: String) -> String? {
        guard actual != expected else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        return """
            differs at line \(first + 1):
            expected: \(first < e.count ? String(e[first]) : "<end>")
            actual:   \(first < a.count ? String(a[first]) : "<end>")
            (RECORD=1 rewrites the goldens)
            """
    }

    /// One step's outputs in transcript lines.
    public static func render(_ outputs: [Output]) -> String {
        outputs.map(render).joined()
    }

    static func render(_ output: Output) -> String {
        switch output {
        case .say(_, let text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return "< " + lines.joined(separator: "\n| ") + "\n"
        case .answer(let a): return "= \(a.key) \(json(a.value))\n"
        case .record(let kind, let id, let fields): return "+ \(kind) \(id) \(json(.record(fields)))\n"
        case .alert(let kind, let node, _): return "! \(kind.rawValue) \(node)\n"
        case .note(let text, _): return "~ note \(text)\n"
        case .request(.plan): return "~ request plan\n"
        case .request(.actionDone(let number)): return "~ request action \(number) done\n"
        case .optedOut: return "~ opted out\n"
        case .optedIn: return "~ opted in\n"
        case .languageChanged(let l): return "~ language \(l.rawValue)\n"
        case .moduleStarted(let m): return "~ module \(m) started\n"
        case .moduleCompleted(let m): return "~ module \(m) completed\n"
        case .ended: return "~ ended\n"
        }
    }

    static func json(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "?"
    }
}
