import Foundation
import Testing

@testable import Dialog

/// The hand-written state JSON reads back as the same state through `Codable`.
struct StateJSONTests {
    static let strings = [
        "", "gewoon", "\"quotes\" and \\backslash\\", "regel\nnieuwe\tregel\r", "\u{0}\u{1}\u{1f}\u{7f}", "é ü ñ",
        "👩‍👩‍👧‍👦 emoji", "\u{202e}rtl", "مرحبا", "<script>alert(1)</script>", "'; DROP TABLE x;--", "$date", "$option", "/a/b"
    ]

    /// A random value tree, deterministic from the seed.
    static func value(_ rng: inout some RandomNumberGenerator, depth: Int) -> Value {
        switch Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &rng) {
        case 0: return .text(strings.randomElement(using: &rng)!)
        case 1: return .number(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 2: return .bool(Bool.random(using: &rng))
        case 3:
            return .date(
                LocalDate(year: 2026, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng)),
                Bool.random(using: &rng) ? LocalTime(hour: Int.random(in: 0...23, using: &rng), minute: 5) : nil)
        case 4: return .option(list: strings.randomElement(using: &rng)!, key: strings.randomElement(using: &rng)!)
        case 5: return .none
        case 6: return .list((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var record: [String: Value] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                // A record whose key is $date or $option would read back as a date or option: records never use them.
                let key = strings.randomElement(using: &rng)!
                if !key.hasPrefix("$") { record[key] = value(&rng, depth: depth + 1) }
            }
            return .record(record)
        }
    }

    @Test func randomStatesSurviveTheRoundTrip() throws {
        var rng = FuzzRandom(seed: 20_261_129)
        for n in 0..<500 {
            var state = Conversation(flowID: "f", flowVersion: 3, language: n % 2 == 0 ? .nl : .en)
            state.node = n % 3 == 0 ? nil : Self.strings.randomElement(using: &rng)
            state.module = n % 4 == 0 ? nil : "m\(n % 3 + 1)"
            state.lastActivity = n % 5 == 0 ? nil : Date(timeIntervalSince1970: Double(1_795_424_400 + n) + 0.125)
            state.tries = n % 4
            state.nextID = n
            state.optedOut = n % 7 == 0
            state.paused = n % 11 == 0
            state.finished = n % 13 == 0
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                state.vars["v\(Int.random(in: 0...99, using: &rng))"] = Self.value(&rng, depth: 0)
            }
            state.frames = [LoopFrame(node: "each", alias: "lg", items: [Self.value(&rng, depth: 1)], index: 0)]
            for k in 0..<Int.random(in: 0...3, using: &rng) {
                var checkpoint = Checkpoint(of: state, at: "vraag\(k)")
                checkpoint.vars["extra"] = Self.value(&rng, depth: 1)
                state.history.append(checkpoint)
            }
            let data = try state.encoded()
            #expect(try Conversation.decode(data) == state, "state \(n)")
            // The same bytes as Foundation would read: valid JSON.
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "state \(n) is not valid JSON")
        }
    }

    /// Encoding a state from the one before copies the TERUG entries that did not change: the
    /// bytes are exactly those of a whole encoding, at every step of every golden transcript
    /// (TERUG, loops, language switches, stuck questions), and entries are really copied.
    @Test(arguments: TranscriptTests.names)
    func encodingFromThePreviousStateGivesTheSameBytes(_ name: String) throws {
        let states = try TranscriptTests.states(of: name)
        var previous: EncodedState?
        var copied = 0
        var copiedVariables = 0
        for (n, state) in states.enumerated() {
            let whole = StateJSON.encode(state)
            let reused = StateJSON.encode(state, reusing: previous)
            #expect(reused.bytes == whole, "\(name) step \(n)")
            copied += reused.copied
            copiedVariables += reused.copiedVariables
            previous = state.encoded(reusing: previous)
            #expect(Array(previous?.json.utf8 ?? "".utf8) == whole, "\(name) step \(n)")
        }
        if states.count > 20 {
            #expect(copied > 0, "\(name): no TERUG entry was copied")
            #expect(copiedVariables > states.count, "\(name): hardly any variable was copied")
        }
    }

    /// An encoding made for another state gives the same bytes: only entries whose checkpoint and
    /// successor equal the ones they were written for are copied (here the shared opening).
    @Test func encodingFromAnUnrelatedStateGivesTheSameBytes() throws {
        let engine = try #require(DefaultFlows.library.engine())
        var a = engine.newConversation()
        var b = engine.newConversation()
        let now = Date(timeIntervalSince1970: 1_795_424_400)
        for text in ["hoi", "ja", "1 en 2", "7", "8", "6"] { a = engine.advance(a, with: .message(text), at: now).state }
        for text in ["hoi", "ja", "3", "2", "9", "TERUG", "4", "5"] { b = engine.advance(b, with: .message(text), at: now).state }
        #expect(StateJSON.encode(b, reusing: a.encoded(reusing: nil)).bytes == StateJSON.encode(b))
        #expect(StateJSON.encode(a, reusing: b.encoded(reusing: nil)).bytes == StateJSON.encode(a))
    }

    /// A variable whose value is equal but not identical (here a text in another Unicode
    /// normalisation, which Swift calls equal) is written anew, never copied from before.
    @Test func onlyIdenticalValuesAreCopied() throws {
        let engine = try #require(DefaultFlows.library.engine())
        var state = engine.newConversation()
        state.vars["naam"] = .text("Ren\u{E9}")
        state.vars["plan"] = .record(["a": .number(1)])
        let before = state.encoded(reusing: nil)
        var next = state
        next.vars["naam"] = .text("Rene\u{301}")
        #expect(next.vars["naam"] == state.vars["naam"])
        let reused = StateJSON.encode(next, reusing: before)
        #expect(reused.bytes == StateJSON.encode(next))
        #expect(String(decoding: reused.bytes, as: UTF8.self).contains("Rene\u{301}"))
        // The record was not touched: it is copied.
        #expect(reused.copiedVariables >= 1)
        #expect(Value.text("x").isIdentical(to: .text("x")) == false)
        let shared = Value.record(["a": .number(1)])
        let copy = shared
        #expect(copy.isIdentical(to: shared))
    }

    /// An answer's value is stored as JSON too: it reads back as the same value.
    @Test func valuesAsJSONReadBack() throws {
        var rng = FuzzRandom(seed: 20_261_130)
        for n in 0..<1_000 {
            let value = Self.value(&rng, depth: 0)
            let decoded = try JSONDecoder().decode(Value.self, from: Data(value.json.utf8))
            #expect(decoded == value, "value \(n): \(value.json)")
        }
        #expect(Value.record(["b": .number(1), "a": .text("x/y\n")]).json == #"{"a":"x/y\n","b":1}"#)
    }
}

/// TERUG checkpoints are stored as differences from the one after them, and read back whole.
struct StoredHistoryTests {
    static func checkpoint(_ node: String, _ vars: [String: Value], frames: [LoopFrame] = [], nextID: Int = 1) -> Checkpoint {
        Checkpoint(node: node, frames: frames, module: "m1", answeredInModule: 0, vars: vars, nextID: nextID)
    }

    @Test func addedChangedAndRemovedVariablesAndFramesSurvive() throws {
        var state = Conversation(flowID: "f", flowVersion: 1, language: .nl)
        let loop = LoopFrame(node: "each", alias: "lg", items: [.text("wonen"), .text("geld")], index: 0)
        state.history = [
            Self.checkpoint("a", [:]),
            Self.checkpoint("b", ["naam": .text("Ans")], frames: [loop]),
            Self.checkpoint(
                "c", ["naam": .text("Ans"), "cijfer": .record(["wonen": .number(4)])],
                frames: [LoopFrame(node: "each", alias: "lg", items: loop.items, index: 1)]),
            Self.checkpoint("d", ["naam": .text("Ans"), "cijfer": .record(["wonen": .number(4), "geld": .number(7)])], nextID: 4),
            Self.checkpoint("e", ["cijfer": .none], nextID: 4)
        ]
        state.vars = ["cijfer": .none, "klaar": .bool(true)]
        let data = try state.encoded()
        #expect(try Conversation.decode(data) == state)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stored = try #require(json["history"] as? [[String: Any]])
        #expect(stored.allSatisfy { $0["vars"] == nil })
        // The newest against the state: it lacks "klaar"; the oldest against "b": it lacks "naam" and b's loop.
        #expect(stored[4]["set"] == nil && stored[4]["unset"] as? [String] == ["klaar"] && stored[4]["frames"] == nil)
        #expect((stored[3]["set"] as? [String: Any])?.keys.sorted() == ["cijfer", "naam"])
        #expect(stored[1]["frames"] != nil && stored[1]["set"] == nil && stored[1]["unset"] as? [String] == ["cijfer"])
        #expect(stored[0]["unset"] as? [String] == ["naam"] && stored[0]["frames"] != nil)
    }

    /// The newest checkpoint usually shares its variables with the state: nothing to compare. An
    /// equal dictionary built apart is compared, and written the same.
    @Test func sharedVariablesAreOneStorageAndEqualOnesAreComparedAlike() throws {
        let vars: [String: Value] = ["naam": .text("Ans"), "cijfer": .record(["wonen": .number(4)])]
        var rebuilt: [String: Value] = [:]
        for (key, value) in vars { rebuilt[key] = value }
        #expect(StateJSON.sameStorage(vars, vars))
        #expect(!StateJSON.sameStorage(vars, rebuilt))
        var changed = vars
        changed["naam"] = .text("Piet")
        #expect(!StateJSON.sameStorage(vars, changed))

        var shared = Conversation(flowID: "f", flowVersion: 1, language: .nl)
        shared.vars = vars
        shared.history = [Self.checkpoint("a", [:]), Self.checkpoint("b", shared.vars)]
        var apart = shared
        apart.history[1].vars = rebuilt
        #expect(StateJSON.encode(shared) == StateJSON.encode(apart))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(StateJSON.encode(shared))) as? [String: Any])
        let newest = try #require((json["history"] as? [[String: Any]])?.last)
        #expect(newest["set"] == nil && newest["unset"] == nil)
        #expect(try Conversation.decode(Data(StateJSON.encode(shared))) == shared)
    }

    @Test func aVersionOneStateWithWholeCheckpointsIsRead() throws {
        let v1 = #"""
            {"stateVersion":1,"flowID":"f","flowVersion":1,"language":"nl","node":"b","frames":[],"vars":{"x":1},"tries":0,
             "history":[{"node":"a","frames":[],"answeredInModule":0,"vars":{},"nextID":1},
                        {"node":"b","frames":[],"answeredInModule":1,"vars":{"x":1},"nextID":1}],
             "answeredInModule":1,"optedOut":false,"paused":false,"finished":false,"nextID":1}
            """#
        let state = try Conversation.decode(Data(v1.utf8))
        #expect(state.history.map(\.vars) == [[:], ["x": .number(1)]])
        #expect(state.stateVersion == Conversation.currentVersion)
        #expect(try Conversation.decode(try state.encoded()) == state)
    }

    @Test func theHistoryOfAWholeIntakeIsSmall() throws {
        let text = try String(contentsOf: TranscriptTests.directory.appendingPathComponent("full-intake.txt"), encoding: .utf8)
        let inputs = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("> ") }.map {
            String($0.dropFirst(2))
        }
        #expect(inputs.count > 30)
        let engine = DefaultFlows.engine
        var state = engine.newConversation()
        let now = Date(timeIntervalSince1970: 1_795_424_400)
        var largest = 0
        var largestWhole = 0
        let whole = JSONEncoder()
        for input in inputs {
            state = engine.advance(state, with: .message(input), at: now).state
            largest = max(largest, try state.encoded().count)
            largestWhole = max(largestWhole, try whole.encode(state).count)
        }
        #expect(state.history.count > 5)
        // Whole checkpoints made this some 13 kB.
        #expect(largest < 5_500, "largest stored state \(largest) bytes")
        #expect(largest * 3 < largestWhole, "differences \(largest) bytes, whole \(largestWhole)")
    }
}
