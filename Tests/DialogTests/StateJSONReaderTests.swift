import Foundation
import Testing

@testable import Dialog

/// The hand-written state reader reads what `JSONDecoder` with `Conversation.init(from:)` reads, the
/// same way, and refuses broken input with an error instead of crashing.
struct StateJSONReaderTests {
    static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// Reads `bytes` with both readers, which must agree to the bit (`lastActivity` too).
    static func readBothWays(_ bytes: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Conversation {
        let new = try StateJSONReader.read(bytes)
        let old = try jsonDecoder().decode(Conversation.self, from: Data(bytes))
        #expect(new == old, "\(label)", sourceLocation: sourceLocation)
        #expect(
            new.lastActivity?.timeIntervalSince1970.bitPattern == old.lastActivity?.timeIntervalSince1970.bitPattern, "\(label)",
            sourceLocation: sourceLocation)
        return new
    }

    /// The state after writing and reading it: `lastActivity` goes through seconds since 1970.
    static func written(_ state: Conversation) -> Conversation {
        var state = state
        state.lastActivity = state.lastActivity.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970) }
        return state
    }

    /// Like `StateJSONTests.randomStatesSurviveTheRoundTrip`, with any `lastActivity`.
    static func randomState(_ n: Int, _ rng: inout FuzzRandom) -> Conversation {
        var state = Conversation(flowID: "f\(n % 3)", flowVersion: n % 5, language: n % 2 == 0 ? .nl : .en)
        state.node = n % 3 == 0 ? nil : StateJSONTests.strings.randomElement(using: &rng)
        state.module = n % 4 == 0 ? nil : "m\(n % 3 + 1)"
        state.lastActivity =
            switch n % 5 {
            case 0: nil
            case 1: Date(timeIntervalSince1970: Double(1_795_424_400 + n) + 0.125)
            default: Date(timeIntervalSince1970: Double.random(in: -1e10...1e10, using: &rng))
            }
        state.tries = n % 4
        state.nextID = n
        state.answeredInModule = n % 6
        state.optedOut = n % 7 == 0
        state.paused = n % 11 == 0
        state.finished = n % 13 == 0
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            state.vars["v\(Int.random(in: 0...99, using: &rng))"] = StateJSONTests.value(&rng, depth: 0)
        }
        state.frames = n % 6 == 0 ? [] : [LoopFrame(node: "each", alias: "lg", items: [StateJSONTests.value(&rng, depth: 1)], index: n % 2)]
        for k in 0..<Int.random(in: 0...4, using: &rng) {
            var checkpoint = Checkpoint(of: state, at: "vraag\(k)")
            checkpoint.vars["extra"] = StateJSONTests.value(&rng, depth: 1)
            if k % 2 == 1 {
                checkpoint.vars["v1"] = nil
                checkpoint.frames = []
            }
            state.history.append(checkpoint)
        }
        return state
    }

    /// The states of `full-intake.txt`, one per message.
    static func wholeIntake() throws -> [Conversation] {
        let text = try String(contentsOf: TranscriptTests.directory.appendingPathComponent("full-intake.txt"), encoding: .utf8)
        let inputs = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("> ") }.map {
            String($0.dropFirst(2))
        }
        let engine = DefaultFlows.engine
        var state = engine.newConversation()
        let now = Date(timeIntervalSince1970: 1_795_424_400)
        return inputs.map { input in
            state = engine.advance(state, with: .message(input), at: now).state
            return state
        }
    }

    // MARK: Reads what JSONDecoder reads

    @Test func randomStatesReadLikeJSONDecoder() throws {
        var rng = FuzzRandom(seed: 20_261_201)
        for n in 0..<500 {
            let state = Self.randomState(n, &rng)
            let read = try Self.readBothWays(StateJSON.encode(state), "state \(n)")
            #expect(read == Self.written(state), "state \(n)")
        }
    }

    @Test func everyStateOfTheGoldenTranscriptsReadsBack() throws {
        var count = 0
        for name in TranscriptTests.names {
            for state in try TranscriptTests.states(of: name) {
                let read = try Self.readBothWays(StateJSON.encode(state), "\(name), step \(count)")
                #expect(read == state, "\(name), step \(count)")
                count += 1
            }
        }
        #expect(count > 200, "only \(count) states in the transcripts")
    }

    @Test func aVersionOneStateWithWholeCheckpointsReadsLikeJSONDecoder() throws {
        // The fixture of `StoredHistoryTests.aVersionOneStateWithWholeCheckpointsIsRead`.
        let v1 = #"""
            {"stateVersion":1,"flowID":"f","flowVersion":1,"language":"nl","node":"b","frames":[],"vars":{"x":1},"tries":0,
             "history":[{"node":"a","frames":[],"answeredInModule":0,"vars":{},"nextID":1},
                        {"node":"b","frames":[],"answeredInModule":1,"vars":{"x":1},"nextID":1}],
             "answeredInModule":1,"optedOut":false,"paused":false,"finished":false,"nextID":1}
            """#
        let state = try Self.readBothWays(Array(v1.utf8), "v1")
        #expect(state.stateVersion == 1)
        #expect(state.history.map(\.vars) == [[:], ["x": .number(1)]])
        #expect(state.history.map(\.node) == ["a", "b"])
        #expect(try Conversation.decode(Data(v1.utf8)).stateVersion == Conversation.currentVersion)
    }

    /// What the synthesized `Encodable` writes: whole checkpoints, keys in dictionary order, `\/`.
    @Test func statesFromJSONEncoderReadLikeJSONDecoder() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        var rng = FuzzRandom(seed: 20_261_202)
        for n in 0..<200 {
            let state = Self.randomState(n, &rng)
            let bytes = Array(try encoder.encode(state))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect((json["history"] as? [[String: Any]])?.allSatisfy { $0["vars"] != nil } == true)
            let read = try Self.readBothWays(bytes, "state \(n)")
            #expect(read.history == state.history && read.vars == state.vars && read.frames == state.frames, "state \(n)")
        }
    }

    @Test func prettyPrintedAndReorderedStatesReadTheSame() throws {
        var rng = FuzzRandom(seed: 20_261_203)
        var states = (0..<100).map { Self.randomState($0 * 5 + 1, &rng) }  // lastActivity exact in any notation
        states.append(try #require(try Self.wholeIntake().last))
        for (n, state) in states.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(StateJSON.encode(state)))
            // Sorted: `history` before `frames` and `vars`, which resolve it.
            let pretty = Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
            let text = String(decoding: pretty, as: UTF8.self)
            let history = try #require(text.range(of: #""history""#))
            let vars = try #require(text.range(of: #""vars" "#))
            #expect(text.contains("\n") && history.lowerBound < vars.lowerBound)
            #expect(try Self.readBothWays(pretty, "pretty \(n)") == Self.written(state), "pretty \(n)")
            let unsorted = Array(try JSONSerialization.data(withJSONObject: object))
            #expect(try Self.readBothWays(unsorted, "unsorted \(n)") == Self.written(state), "unsorted \(n)")
        }
    }

    /// Every place JSON allows whitespace: before and after each `{ } [ ] : ,` and around the whole.
    static func spaced(_ bytes: [UInt8]) -> [UInt8] {
        let space = Array(" \t\r\n ".utf8)
        var out = space
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                out.append(byte)
                inString = true
            } else if "{}[]:,".utf8.contains(byte) {
                out += space + [byte] + space
            } else {
                out.append(byte)
            }
        }
        return out + space
    }

    @Test func whitespaceAnywhereJSONAllowsIsRead() throws {
        var rng = FuzzRandom(seed: 20_261_204)
        for n in 0..<100 {
            let state = Self.randomState(n, &rng)
            let spaced = Self.spaced(StateJSON.encode(state))
            #expect(try Self.readBothWays(spaced, "state \(n)") == Self.written(state), "state \(n)")
        }
    }

    // MARK: Strings

    /// A minimal state, with `vars` and more keys at the end as given.
    static func state(vars: String = "{}", extra: String = "") -> [UInt8] {
        Array(
            #"{"stateVersion":2,"flowID":"f","flowVersion":1,"language":"nl","frames":[],"vars":\#(vars),"tries":0,"history":[],"answeredInModule":0,"optedOut":false,"paused":false,"finished":false,"nextID":1\#(extra)}"#
                .utf8)
    }

    @Test func escapesAreRead() throws {
        let vars =
            #"{"e":"caf\u00e9","E":"\u00C9","smile":"\ud83d\ude00","SMILE":"\uD83D\uDE00","slash":"a\/b","all":"\"\\\/\b\f\n\r\t","nul":"\u0000","k\u0065y":1}"#
        let state = try Self.readBothWays(Self.state(vars: vars), "escapes")
        #expect(state.vars["e"] == .text("café"))
        #expect(state.vars["E"] == .text("É"))
        #expect(state.vars["smile"] == .text("😀") && state.vars["SMILE"] == .text("😀"))
        #expect(state.vars["slash"] == .text("a/b"))
        #expect(state.vars["all"] == .text("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(state.vars["nul"] == .text("\u{0}"))
        #expect(state.vars["key"] == .number(1))
        // Keys the reader knows, escaped, and a date marker escaped.
        let escapedKeys = Array(
            #"{"st\u0061teVersion":2,"flowID":"\u0066","flowVersion":1,"language":"nl","frames":[],"vars":{"d":{"\u0024date":{"year":2026,"month":12,"day":1}}},"tries":0,"history":[],"answeredInModule":0,"optedOut":false,"paused":false,"finished":false,"nextID":1}"#
                .utf8)
        let read = try Self.readBothWays(escapedKeys, "escaped keys")
        #expect(read.flowID == "f" && read.vars["d"] == .date(LocalDate(year: 2026, month: 12, day: 1), nil))
    }

    @Test(arguments: [
        #""\ud83d""#, #""\ude00""#, #""\ud83d\u0041""#, #""\ud83dx""#, #""\ud83d\ud83d""#, #""\x""#, #""\u12G4""#, #""\U00e9""#,
        #""\u00e""#, "\"tab\there\"", "\"\u{1}\"", "\"\u{1f}\"", #""unterminated"#, #""\"#
    ])
    func badStringsAreRefused(string: String) {
        let bytes = Self.state(vars: #"{"x":\#(string)}"#)
        #expect(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
        #expect(throws: (any Error).self) { try Self.jsonDecoder().decode(Conversation.self, from: Data(bytes)) }
    }

    @Test(
        arguments: [
            [0xFF], [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x41]
        ] as [[UInt8]])
    func invalidUTF8IsRefused(bad: [UInt8]) {
        let inValue = Self.state(vars: #"{"x":"a"#) + bad + Array(#"b"}"#.utf8)
        let inKey = Self.state(vars: #"{"a"#) + bad + Array(#"":1}"#.utf8)
        // The first of two `flowID`s, the one read.
        let inFlowID = Array(#"{"flowID":"a"#.utf8) + bad + Array(#"b","#.utf8) + Self.state().dropFirst()
        let outside = Self.state(vars: "{}") + bad
        for bytes in [inValue, inKey, inFlowID, outside] {
            #expect(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
            #expect(throws: (any Error).self) { try Self.jsonDecoder().decode(Conversation.self, from: Data(bytes)) }
        }
        // The same bytes as an escape are fine: "é" is C3 A9.
        #expect(throws: Never.self) { try StateJSONReader.read(Self.state(vars: #"{"x":"\u00e9"}"#)) }
    }

    @Test func validUTF8IsReadAsIs() throws {
        let text = "é ü ñ € 𝄞 😀 \u{FFFD} \u{7F} \u{10FFFF} مرحبا 👩‍👩‍👧‍👦"
        let state = try Self.readBothWays(Self.state(vars: #"{"x":"\#(text)","\#(text)":1}"#), "utf8")
        #expect(state.vars["x"] == .text(text) && state.vars[text] == .number(1))
    }

    // MARK: Shapes JSONDecoder reads, read the same

    @Test(arguments: [
        // A `$date` or `$option` that is null does not make a date or an option; the first of a key counts.
        #"{"x":{"$date":null}}"#,
        #"{"x":{"$option":null,"key":"k"}}"#,
        #"{"x":{"$date":null,"$option":"l","key":"k"}}"#,
        #"{"x":{"$option":"l","key":"k","$date":{"year":2026,"month":1,"day":2}}}"#,
        #"{"x":{"$date":{"year":2026,"month":1,"day":2,"extra":1.5},"junk":[1.5,{"$option":5}],"time":null}}"#,
        #"{"x":{"$date":{"year":2026,"month":1,"day":2},"time":{"hour":9,"minute":30,"second":1}}}"#,
        #"{"x":{"time":{"hour":9,"minute":30},"$option":"l","key":"k","extra":{"a":1.5}}}"#,
        #"{"x":{"$date":null,"$date":{"year":2026,"month":1,"day":2}}}"#,
        #"{"x":{"$option":"l","key":"k","key":5}}"#,
        #"{"x":{"time":{"hour":9,"minute":30}}}"#,
        #"{"x":{"a":1,"a":"second"},"x":2}"#,
        #"{"$date":{"year":2026,"month":1,"day":2},"$option":"l"}"#,
        #"{"x":1.0,"y":-0,"z":1e2,"w":0.5E+1,"v":100e-2,"u":-0.0,"t":1.00000000000000001}"#,
        #"{"min":-9223372036854775808,"max":9223372036854775807,"big":9007199254740991.0}"#,
        #"{"x":[[],{},[{}],[null,true,false,"",0]]}"#
    ])
    func unusualVariablesReadLikeJSONDecoder(vars: String) throws {
        let state = try Self.readBothWays(Self.state(vars: vars), vars)
        #expect(!state.vars.isEmpty)
    }

    @Test(arguments: [
        #","node":null,"module":null,"lastActivity":null"#,
        #","node":"n","module":"m","lastActivity":1795424400"#,
        #","lastActivity":0e-5"#,
        #","lastActivity":-0.0"#,
        #","lastActivity":1.7954244001234567e9"#,
        #","lastActivity":4e-320"#,
        #","unknown":{"deep":[1,2.5,"x",null,true,{"$date":1}]},"tries":7,"nextID":8"#,
        #","history":[{"node":"a","answeredInModule":0,"nextID":1,"vars":{"v":1},"set":{"w":2},"unset":["x"],"frames":null,"module":null}]"#,
        #","history":[{"nextID":1,"unset":null,"set":null,"vars":null,"node":"a","answeredInModule":0,"future":[]}]"#,
        #","history":[{"node":"a","answeredInModule":0,"nextID":1,"frames":[{"index":1,"items":[{"$option":"l","key":"k"}],"alias":"a","node":"e"}]}]"#
    ])
    func unusualStatesReadLikeJSONDecoder(extra: String) throws {
        let state = try Self.readBothWays(Self.state(vars: #"{"x":1}"#, extra: extra), extra)
        #expect(state.tries == 0 && state.nextID == 1, "the first of a repeated key counts")
    }

    @Test func aByteOrderMarkAndOuterWhitespaceAreSkipped() throws {
        let state = try Self.readBothWays([0xEF, 0xBB, 0xBF] + Self.state(), "BOM")
        #expect(state.flowID == "f")
        #expect(try Self.readBothWays(Array(" \n\t\r".utf8) + Self.state() + Array(" \n\t\r".utf8), "outer whitespace").flowID == "f")
    }

    @Test func deepButAllowedNestingIsRead() throws {
        // `vars` is the second level: 62 more fit under `maxDepth`.
        let deep = String(repeating: "[", count: 62) + String(repeating: "]", count: 62)
        let state = try Self.readBothWays(Self.state(vars: #"{"x":\#(deep)}"#), "62 deep")
        var value = try #require(state.vars["x"])
        var depth = 0
        while case .list(let items) = value, let first = items.first {
            value = first
            depth += 1
        }
        #expect(depth == 61 && value == .list([]))
        let tooDeep = "[" + deep + "]"
        #expect(throws: StateJSONReader.Error.self) { try StateJSONReader.read(Self.state(vars: #"{"x":\#(tooDeep)}"#)) }
    }

    // MARK: Refuses what is not a state

    /// A valid state with `key`'s value replaced by `value`, or without `key` when `value` is nil.
    static func state(replacing key: String, with value: String?) -> [UInt8] {
        let fields: [(String, String)] = [
            ("stateVersion", "2"), ("flowID", #""f""#), ("flowVersion", "1"), ("language", #""nl""#), ("frames", "[]"), ("vars", "{}"),
            ("tries", "0"), ("history", "[]"), ("answeredInModule", "0"), ("optedOut", "false"), ("paused", "false"), ("finished", "false"),
            ("nextID", "1")
        ]
        let pairs = fields.compactMap { k, v in k == key ? value.map { #""\#(k)":\#($0)"# } : #""\#(k)":\#(v)"# }
        return Array(("{" + pairs.joined(separator: ",") + "}").utf8)
    }

    @Test(arguments: [
        "stateVersion", "flowID", "flowVersion", "language", "frames", "vars", "tries", "history", "answeredInModule",
        "optedOut", "paused", "finished", "nextID"
    ])
    func aMissingKeyIsNamed(key: String) throws {
        #expect(try StateJSONReader.read(Self.state(replacing: "none", with: nil)).flowID == "f")
        let bytes = Self.state(replacing: key, with: nil)
        let error = try #require(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
        #expect(error.expected == #"key "\#(key)""# && error.offset == bytes.count - 1, "\(error)")
        #expect(throws: (any Error).self) { try Self.jsonDecoder().decode(Conversation.self, from: Data(bytes)) }
    }

    @Test(arguments: [
        ("flowID", "1"), ("flowID", "null"), ("tries", #""0""#), ("tries", "null"), ("tries", "1.5"), ("tries", "9223372036854775808"),
        ("tries", "-9223372036854775809"), ("tries", "1e400"), ("optedOut", "0"), ("optedOut", #""false""#), ("language", #""de""#),
        ("language", "null"), ("history", "{}"), ("history", "null"), ("vars", "[]"), ("vars", "null"), ("frames", "null"),
        ("frames", "[1]"),
        ("frames", #"[{"node":"n","alias":"a","items":{},"index":0}]"#), ("frames", #"[{"node":"n","alias":"a","items":[]}]"#),
        ("nextID", "1.5"), ("stateVersion", #""2""#),
        ("history", #"[{"node":"a","answeredInModule":0}]"#), ("history", #"[{"node":"a","answeredInModule":0,"nextID":1,"unset":[1]}]"#),
        ("history", #"[{"node":"a","answeredInModule":0,"nextID":1,"set":[]}]"#),
        ("vars", #"{"x":1.5}"#), ("vars", #"{"x":[1,2.5]}"#), ("vars", #"{"x":{"a":{"b":0.1}}}"#), ("vars", #"{"x":1e400}"#),
        ("vars", #"{"x":{"$option":"l"}}"#), ("vars", #"{"x":{"$option":"l","key":null}}"#), ("vars", #"{"x":{"$option":5,"key":"k"}}"#),
        ("vars", #"{"x":{"$date":5}}"#), ("vars", #"{"x":{"$date":{"year":2026,"month":1}}}"#),
        ("vars", #"{"x":{"$date":{"year":2026,"month":1,"day":2},"time":{"hour":9}}}"#),
        ("vars", #"{"x":{"$date":{"year":2026,"month":1,"day":"2"}}}"#),
        // Not JSON.
        ("vars", #"{"x":01}"#), ("vars", #"{"x":+1}"#), ("vars", #"{"x":.5}"#), ("vars", #"{"x":1.}"#), ("vars", #"{"x":-}"#),
        ("vars", #"{"x":1e}"#), ("vars", #"{"x":tru}"#), ("vars", #"{"x":nul}"#), ("vars", #"{"x":NaN}"#), ("vars", #"{"x":Infinity}"#),
        ("vars", #"{'x':1}"#), ("vars", #"{"x" 1}"#), ("vars", #"{"x":1 "y":2}"#), ("vars", #"{"x":1/*c*/}"#), ("vars", #"{x:1}"#),
        ("vars", "{\"x\":\u{0C}1}"), ("vars", "{\"x\":\u{A0}1}"), ("vars", #"{"x":[1 2]}"#), ("vars", #"{"x":]}"#), ("vars", #"{"#),
        ("lastActivity", #""2026-12-01""#), ("lastActivity", "1e400"), ("lastActivity", "-1e400"), ("lastActivity", "1e-400"),
        ("lastActivity", "true")
    ])
    func wrongValuesAreRefused(key: String, value: String) {
        // `lastActivity` is optional: not in the minimal state.
        let bytes = key == "lastActivity" ? Self.state(extra: #","lastActivity":\#(value)"#) : Self.state(replacing: key, with: value)
        #expect(throws: StateJSONReader.Error.self, "\(key): \(value)") { try StateJSONReader.read(bytes) }
        #expect(throws: (any Error).self, "\(key): \(value)") { try Self.jsonDecoder().decode(Conversation.self, from: Data(bytes)) }
    }

    /// JSONDecoder lets these through (trailing commas; strings it does not read are not checked);
    /// no writer of states makes them, and the reader is strict.
    @Test(arguments: [
        Self.state(vars: #"{"x":1,}"#), Self.state(vars: #"{"x":[1,]}"#), Self.state(extra: #","unknown":"\x\ud800\#u{1}""#),
        Self.state(extra: #","unknown":"X""#).map { $0 == UInt8(ascii: "X") ? 0xFF : $0 }
    ])
    func laxJSONIsRefused(bytes: [UInt8]) throws {
        #expect(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
        _ = try Self.jsonDecoder().decode(Conversation.self, from: Data(bytes))
    }

    @Test(arguments: ["x", "}", "{}", "\u{0}", "\u{0C}", ",", "\u{A0}", " 1"])
    func trailingGarbageIsRefused(garbage: String) throws {
        let bytes = Self.state() + Array(garbage.utf8)
        let error = try #require(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
        #expect(error.expected == "the end of the input" && error.offset >= Self.state().count, "\(error)")
        #expect(throws: (any Error).self) { try Self.jsonDecoder().decode(Conversation.self, from: Data(bytes)) }
    }

    @Test(arguments: ["", " ", "null", "[]", #""state""#, "1", "{", "{}"])
    func aDocumentThatIsNoStateIsRefused(document: String) {
        #expect(throws: StateJSONReader.Error.self) { try StateJSONReader.read(Array(document.utf8)) }
    }

    @Test func everyTruncationOfAStateIsRefused() throws {
        var rng = FuzzRandom(seed: 20_261_205)
        let states = [try #require(try Self.wholeIntake().last), Self.randomState(7, &rng), Self.randomState(8, &rng)]
        for state in states {
            let bytes = StateJSON.encode(state)
            #expect(try StateJSONReader.read(bytes) == Self.written(state))
            var accepted: [Int] = []
            for length in 0..<bytes.count {
                do throws(StateJSONReader.Error) {
                    _ = try StateJSONReader.read(Array(bytes[..<length]))
                    accepted.append(length)
                } catch {
                    #expect(error.offset <= length && error.offset >= 0, "\(error)")
                }
            }
            #expect(accepted.isEmpty, "truncated states read: \(accepted.prefix(5))")
            #expect(bytes.count > 300)
        }
    }

    @Test func nestingBombsAreRefusedWithAnError() throws {
        let arrays = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let objects = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let openOnly = String(repeating: "[", count: 10_000)
        for bomb in [arrays, objects, openOnly] {
            for bytes in [
                Self.state(vars: #"{"x":\#(bomb)}"#), Self.state(extra: #","unknown":\#(bomb)"#), Array(bomb.utf8),
                Self.state(replacing: "frames", with: #"[{"node":"n","alias":"a","index":0,"items":[\#(bomb)]}]"#)
            ] {
                let error = try #require(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
                if bytes.first == UInt8(ascii: "{") {
                    #expect(error.expected.contains("nested"), "\(error)")
                }
            }
        }
    }

    /// Random damage to encoded states: the reader never crashes, and what it reads JSONDecoder reads the same.
    @Test func damagedStatesAreReadLikeJSONDecoderOrRefused() throws {
        var rng = FuzzRandom(seed: FuzzRandom.seed)
        let interesting = Array("{}[],:\"\\ 0123456789-.eEtfnul$".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xED, 0xFF]
        var read = 0
        var refusedByBoth = 0
        var onlyJSONDecoder: [[UInt8]] = []
        for n in 0..<FuzzRandom.count(default: 2_000) {
            var bytes = StateJSON.encode(Self.randomState(n, &rng))
            for _ in 0..<rng.int(1...3) {
                let at = rng.int(0...bytes.count - 1)
                switch rng.int(0...2) {
                case 0: bytes[at] = rng.pick(interesting)
                case 1: bytes.remove(at: at)
                default: bytes.insert(rng.pick(interesting), at: at)
                }
            }
            let old = try? Self.jsonDecoder().decode(Conversation.self, from: Data(bytes))
            do {
                let new = try StateJSONReader.read(bytes)
                #expect(new == old, "\(String(decoding: bytes, as: UTF8.self))")
                read += 1
            } catch {
                if old == nil { refusedByBoth += 1 } else { onlyJSONDecoder.append(bytes) }
            }
        }
        // JSONDecoder alone reads only what `laxJSONIsRefused` shows: trailing commas, and invalid strings
        // under keys it does not read (JSONSerialization refuses those).
        let unexplained = onlyJSONDecoder.filter { bytes in
            !zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: ",") && "}]".utf8.contains($1) }
                && (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil
        }
        #expect(unexplained.isEmpty, "\(unexplained.prefix(3).map { String(decoding: $0, as: UTF8.self) })")
        #expect(read > 0 && refusedByBoth > 0)
    }

    // MARK: Versions and errors

    static func isUnsupported(_ error: any Error, _ version: Int) -> Bool {
        if case .unsupportedVersion(version)? = error as? Conversation.DecodeError { return true }
        return false
    }

    @Test func aNewerVersionIsNamedEvenWhenItsShapeIsUnknown() throws {
        let newer = Self.state(replacing: "stateVersion", with: "3")
        #expect(throws: Never.self) { try StateJSONReader.read(newer) }
        #expect(Self.isUnsupported(try #require(throws: (any Error).self) { try Conversation.decode(Data(newer)) }, 3))
        let reshaped = Array(#"{"history":"elsewhere","flowID":{"id":"f"},"stateVersion":3}"#.utf8)
        #expect(throws: StateJSONReader.Error.self) { try StateJSONReader.read(reshaped) }
        #expect(try StateJSONReader.version(Data(reshaped)) == 3)
        #expect(Self.isUnsupported(try #require(throws: (any Error).self) { try Conversation.decode(Data(reshaped)) }, 3))
        // A version that is not newer, or a document that is not JSON, gives the reader's error.
        let broken = Array(#"{"stateVersion":3,"flowID":"#.utf8)
        #expect(throws: StateJSONReader.Error.self) { try Conversation.decode(Data(broken)) }
        let old = Array(#"{"stateVersion":2,"flowID":1}"#.utf8)
        #expect(throws: StateJSONReader.Error.self) { try Conversation.decode(Data(old)) }
        #expect(try Conversation.decode(Data(Self.state(replacing: "stateVersion", with: "1"))).stateVersion == Conversation.currentVersion)
    }

    @Test func anErrorNamesTheByteAndWhatWasExpected() throws {
        let bytes = Array(#"{"stateVersion":2,"flowID":1}"#.utf8)
        let error = try #require(throws: StateJSONReader.Error.self) { try StateJSONReader.read(bytes) }
        #expect(error == StateJSONReader.Error(offset: 27, expected: "a string", found: "'1'"))
        #expect(error.description == "conversation state JSON at byte 27: expected a string, found '1'")
        let utf8 = try #require(throws: StateJSONReader.Error.self) { try StateJSONReader.read(Self.state(vars: "{\"x\":\"a\u{0}\"}")) }
        #expect(utf8.description.hasSuffix("found byte 0x00"), "\(utf8)")
        let end = try #require(throws: StateJSONReader.Error.self) { try StateJSONReader.read(Array(#"{"stateVersion":2"#.utf8)) }
        #expect(end.description.hasSuffix("expected ',' or '}', found the end of the input"), "\(end)")
        let number = try #require(throws: StateJSONReader.Error.self) {
            try StateJSONReader.read(Self.state(replacing: "tries", with: "2.5"))
        }
        #expect(number.expected == "a whole number" && number.found == "2.5", "\(number)")
    }
}
