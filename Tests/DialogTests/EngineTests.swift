import Foundation
import Testing

@testable import Dialog

/// The engine as a function `advance(state, input, now) -> (state, outputs)`: deterministic,
/// serialisable between every step, and safe when the flow itself is broken.
struct EngineTests {
    static var now: Date { ISO8601DateFormatter().date(from: "2026-11-23T10:00:00+01:00")! }

    static let transcripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

    /// The inputs of the golden full intake, with the clock as it moves in the transcript.
    static func fullIntake() throws -> Transcript {
        let text = try String(contentsOf: transcripts.appendingPathComponent("full-intake.txt"), encoding: .utf8)
        return try Transcript(parsing: text)
    }

    /// Plays a transcript's steps; `roundTrip` sends the state through JSON after every step.
    static func play(_ transcript: Transcript, with engine: Engine, roundTrip: Bool = false) throws -> [Transition] {
        var state = engine.newConversation(language: transcript.language)
        var now = transcript.start
        var transitions: [Transition] = []
        for step in transcript.steps {
            let input: Input
            switch step {
            case .time(let spec):
                now = try #require(Transcript.move(now, by: spec, calendar: engine.environment.calendar))
                continue
            case .begin: input = .begin
            case .input(let text): input = .message(text)
            }
            let transition = engine.advance(state, with: input, at: now)
            transitions.append(transition)
            state = roundTrip ? try Conversation.decode(try transition.state.encoded()) : transition.state
        }
        return transitions
    }

    /// Sends messages one by one, a minute apart.
    static func send(_ inputs: [String], to engine: Engine, from start: Conversation? = nil) -> (
        state: Conversation, transitions: [Transition]
    ) {
        var state = start ?? engine.newConversation()
        var transitions: [Transition] = []
        for (n, text) in inputs.enumerated() {
            let transition = engine.advance(state, with: .message(text), at: now.addingTimeInterval(Double(n) * 60))
            transitions.append(transition)
            state = transition.state
        }
        return (state, transitions)
    }

    static func alerts(_ transitions: [Transition]) -> [(AlertKind, String)] {
        transitions.flatMap(\.outputs).compactMap { if case .alert(let kind, let node, _) = $0 { (kind, node) } else { nil } }
    }

    static func records(_ outputs: [Output], kind wanted: String) -> [(id: String, fields: [String: Value])] {
        outputs.compactMap { if case .record(let kind, let id, let fields) = $0, kind == wanted { (id, fields) } else { nil } }
    }

    /// A flow written in the test, run with the default texts.
    static func engine(_ yaml: String) throws -> Engine {
        Engine(
            flow: try FlowDecoder.decode(yaml, file: "tiny.flow.yaml"), catalog: DefaultFlows.library.catalog,
            lexicon: DefaultFlows.library.lexicon, signals: DefaultFlows.library.signals)
    }

    // MARK: - (a) Determinism

    @Test func sameInputsGiveTheSameOutputsAndStates() throws {
        let intake = try Self.fullIntake()
        let first = try Self.play(intake, with: DefaultFlows.engine)
        let second = try Self.play(intake, with: DefaultFlows.engine)
        #expect(first.count == intake.steps.count)
        #expect(first == second)
        // The intake really ran: it ended, and stored records along the way.
        #expect(first.last?.state.finished == true)
        #expect(first.flatMap(\.outputs).contains(.ended))
        #expect(!Self.records(first.flatMap(\.outputs), kind: "action").isEmpty)
    }

    @Test func advancingTheSameStateTwiceGivesTheSameTransition() throws {
        let engine = DefaultFlows.engine
        let (state, _) = Self.send(["hoi", "ja", "1 en 3"], to: engine)
        for input in ["7", "banaan", "terug", "hulp", "weet ik niet", "stop"] {
            let a = engine.advance(state, with: .message(input), at: Self.now)
            let b = engine.advance(state, with: .message(input), at: Self.now)
            #expect(a == b, "'\(input)' gave two different transitions")
        }
    }

    // MARK: - (b) The state between steps

    @Test func stateSurvivesJSONAfterEveryStepOfTheFullIntake() throws {
        let intake = try Self.fullIntake()
        let engine = DefaultFlows.engine
        var state = engine.newConversation(language: intake.language)
        var now = intake.start
        var steps = 0
        for step in intake.steps {
            let input: Input
            switch step {
            case .time(let spec):
                now = try #require(Transcript.move(now, by: spec, calendar: engine.environment.calendar))
                continue
            case .begin: input = .begin
            case .input(let text): input = .message(text)
            }
            state = engine.advance(state, with: input, at: now).state
            let decoded = try Conversation.decode(try state.encoded())
            #expect(decoded == state, "step \(steps) (\(input)): the state changed in a JSON round trip")
            #expect(try decoded.encoded() == (try state.encoded()))
            steps += 1
        }
        #expect(steps > 30)
        #expect(state.finished)
    }

    @Test func playingFromDecodedStatesGivesTheSameConversation() throws {
        let intake = try Self.fullIntake()
        let direct = try Self.play(intake, with: DefaultFlows.engine)
        let viaJSON = try Self.play(intake, with: DefaultFlows.engine, roundTrip: true)
        #expect(direct.map(\.outputs) == viaJSON.map(\.outputs))
        #expect(direct.last?.state == viaJSON.last?.state)
    }

    @Test func stateWithFractionsOfASecondSurvivesJSON() throws {
        var state = DefaultFlows.engine.newConversation()
        state.lastActivity = Date(timeIntervalSince1970: 1_795_424_400.123_456)
        let decoded = try Conversation.decode(try state.encoded())
        #expect(abs(decoded.lastActivity!.timeIntervalSince(state.lastActivity!)) < 0.001)
    }

    // MARK: - (c) State versions

    @Test func newerStateVersionIsRefused() throws {
        var state = DefaultFlows.engine.newConversation()
        state.stateVersion = Conversation.currentVersion + 1
        let data = try state.encoded()
        let error = try #require(throws: Conversation.DecodeError.self) { try Conversation.decode(data) }
        guard case .unsupportedVersion(let version) = error else {
            Issue.record("wrong error \(error)")
            return
        }
        #expect(version == Conversation.currentVersion + 1)
        #expect(error.description.contains("newer than this program"))
    }

    @Test func currentStateVersionIsRead() throws {
        let (state, _) = Self.send(["hoi", "ja"], to: DefaultFlows.engine)
        #expect(state.stateVersion == Conversation.currentVersion)
        #expect(try Conversation.decode(try state.encoded()) == state)
    }

    @Test func stateWithoutAVersionIsRefused() throws {
        let data = Data(#"{"flowID":"levenskracht"}"#.utf8)
        #expect(throws: (any Error).self) { try Conversation.decode(data) }
    }

    // MARK: - (d) A flow that loops without a question

    static let loop = """
        flow: lus
        version: 1
        start: a
        nodes:
          - id: a
            next: b
          - id: b
            next: a
        """

    @Test func endlessBranchLoopIsAFlowErrorNotACrash() throws {
        let engine = try Self.engine(Self.loop)
        let state = engine.newConversation()
        let transition = engine.advance(state, with: .message("hoi"), at: Self.now)
        var expected = state
        expected.lastActivity = Self.now
        #expect(transition.state == expected, "the state must be kept as it was (only the time of activity moves)")
        #expect(transition.outputs.count == 2)
        guard case .alert(.flowError, let node, let detail)? = transition.outputs.first else {
            Issue.record("no flow_error alert: \(transition.outputs)")
            return
        }
        #expect(node == "a")
        #expect(detail.hasPrefix("more than 1000 steps without a question"))
        #expect(transition.outputs.last == .say(key: "system.flow_error", text: engine.catalog.text("system.flow_error", .nl)))
    }

    @Test func loopAfterAnAnswerKeepsTheQuestionWaiting() throws {
        let engine = try Self.engine(
            """
            flow: lus
            version: 1
            start: vraag
            limits: {max_steps: 20}
            nodes:
              - id: vraag
                ask: start.toestemming
                answer: yesno
                save: ok
                actions:
                  - emit: consent
                    fields: {purpose: 'x', granted: ok}
                next: a
              - id: a
                next: b
              - id: b
                next: a
            """)
        let asked = engine.advance(engine.newConversation(), with: .message("hoi"), at: Self.now).state
        #expect(asked.node == "vraag")
        let later = Self.now.addingTimeInterval(60)
        let transition = engine.advance(asked, with: .message("ja"), at: later)
        var expected = asked
        expected.lastActivity = later
        #expect(transition.state == expected)
        #expect(transition.state.vars["ok"] == nil, "the answer of a failed step must not be kept")
        #expect(transition.outputs.count == 2)
        // Nothing of the failed step (the answer, the record) reaches Bot.
        #expect(!transition.outputs.contains { if case .answer = $0 { true } else { false } })
        #expect(Self.records(transition.outputs, kind: "consent").isEmpty)
        guard case .alert(.flowError, "vraag", let detail)? = transition.outputs.first else {
            Issue.record("no flow_error alert at vraag: \(transition.outputs)")
            return
        }
        #expect(detail.hasPrefix("more than 20 steps"))
        #expect(transition.messages == [engine.catalog.text("system.flow_error", .nl)])
    }

    @Test func nextToAMissingNodeIsAFlowError() throws {
        let engine = try Self.engine(
            """
            flow: kapot
            version: 1
            start: a
            nodes:
              - id: a
                say: start.welkom
                next: nergens
            """)
        let state = engine.newConversation(language: .en)
        let transition = engine.advance(state, with: .message("hi"), at: Self.now)
        #expect(transition.state.node == nil)
        #expect(!transition.state.started)
        #expect(
            transition.outputs == [
                .alert(kind: .flowError, node: "a", detail: "node 'nergens' does not exist"),
                .say(key: "system.flow_error", text: engine.catalog.text("system.flow_error", .en))
            ])
    }

    // MARK: - (e) STOP

    @Test func afterStopOnlyStartIsAnswered() throws {
        let engine = DefaultFlows.engine
        let (asking, _) = Self.send(["hoi", "ja", "1"], to: engine)
        let stop = engine.advance(asking, with: .message("STOP"), at: Self.now)
        #expect(stop.outputs.first == .optedOut)
        #expect(stop.state.optedOut)
        var state = stop.state
        for text in [
            "ja", "7", "", "hulp", "terug", "herhaal", "overslaan", "pauze", "stop", "english", "nederlands", "hoi?", "weet ik niet"
        ] {
            let transition = engine.advance(state, with: .message(text), at: Self.now)
            #expect(transition.outputs.isEmpty, "'\(text)' after STOP gave \(transition.outputs)")
            #expect(transition.state.optedOut)
            #expect(transition.state.node == asking.node)
            #expect(transition.state.vars == asking.vars)
            state = transition.state
        }
        let start = engine.advance(state, with: .message("start"), at: Self.now)
        #expect(start.outputs.first == .optedIn)
        #expect(!start.state.optedOut)
        #expect(start.state.node == asking.node)
        #expect(start.messages.count == 1)
        #expect(start.messages.first?.hasPrefix(engine.catalog.text("system.optin", .nl)) == true)
    }

    @Test func beginAfterStopSendsNothing() throws {
        let engine = DefaultFlows.engine
        let (state, _) = Self.send(["hoi", "stop"], to: engine)
        #expect(state.optedOut)
        let transition = engine.advance(state, with: .begin, at: Self.now)
        #expect(transition.outputs.isEmpty, "an enrolment must not message someone who sent STOP: \(transition.outputs)")
        #expect(transition.state.optedOut)
    }

    @Test func stopBeforeAnythingElseSendsOnlyTheOptOut() throws {
        let engine = DefaultFlows.engine
        let transition = engine.advance(engine.newConversation(), with: .message("Stop"), at: Self.now)
        #expect(transition.outputs == [.optedOut, .say(key: "system.optout", text: engine.catalog.text("system.optout", .nl))])
        #expect(!transition.state.started)
    }

    // MARK: - (f) Three failed tries

    @Test func threeFailedTriesGiveExactlyOneStuckAlert() throws {
        let engine = DefaultFlows.engine
        let (atScore, _) = Self.send(["hoi", "ja", "1"], to: engine)
        #expect(atScore.node == "m1_cijfer")
        let (state, transitions) = Self.send(["banaan", "paars", "appel"], to: engine, from: atScore)
        let alerts = Self.alerts(transitions)
        #expect(alerts.count == 1)
        #expect(alerts.first?.0 == .stuckQuestion)
        #expect(alerts.first?.1 == "m1_cijfer")
        // The first two tries get a re-prompt, the third the flag and the next question.
        #expect(transitions[0].outputs == [.say(key: "reprompt.score", text: engine.catalog.text("reprompt.score", .nl))])
        #expect(transitions[1].outputs == transitions[0].outputs)
        #expect(transitions[2].outputs.first == .alert(kind: .stuckQuestion, node: "m1_cijfer", detail: "appel"))
        #expect(
            transitions[2].outputs.contains { if case .answer(let a) = $0 { a.key == "cijfer.geld" && a.value == .none } else { false } })
        #expect(state.node == "m1_verander_een")
        #expect(state.tries == 0)
    }

    @Test func triesStartAgainAtTheNextQuestion() throws {
        let engine = DefaultFlows.engine
        let (atScore, _) = Self.send(["hoi", "ja", "1"], to: engine)
        let (state, transitions) = Self.send(["x", "x", "x", "x", "x"], to: engine, from: atScore)
        #expect(Self.alerts(transitions).count == 1, "two failed tries at the next question must not flag it")
        #expect(state.node == "m1_verander_een")
        #expect(state.tries == 2)
    }

    @Test func aGoodAnswerResetsTheTries() throws {
        let engine = DefaultFlows.engine
        let (atScore, _) = Self.send(["hoi", "ja", "1 en 2"], to: engine)
        let (state, transitions) = Self.send(["x", "x", "7", "x", "x", "5"], to: engine, from: atScore)
        #expect(Self.alerts(transitions).isEmpty)
        #expect(state.node == "m1_verander_welke")
        #expect(state.vars["cijfer"]?["geld"] == .number(7))
        #expect(state.vars["cijfer"]?["wonen"] == .number(5))
    }

    // MARK: - (g) TERUG in the network part of module 2

    /// Up to what the first network member (Ans) helps with, as in the full intake.
    static let untilHelps = [
        "hoi", "ja", "1 en 2", "7", "een 4", "2", "eerlijk", "goed koken", "een lieve zus", "weer werken", "ja", "nee",
        "Een huis zonder schimmel", "bellen en mailen, en mijn zus helpt", "iemand die meegaat naar de corporatie",
        "boodschappen voor de buurvrouw", "weet ik niet", "mijn zus Ans en Piet"
    ]

    @Test func backAfterAddingANetworkMemberDoesNotAddItTwice() throws {
        let engine = DefaultFlows.engine
        let (atHelps, _) = Self.send(Self.untilHelps, to: engine)
        #expect(atHelps.node == "m2_nw_helpt")
        let (added, first) = Self.send(["boodschappen"], to: engine, from: atHelps)
        #expect(added.node == "m2_nw_relatie")
        #expect(added.vars["netwerk"]?.listItems.count == 1)
        let firstRecord = try #require(Self.records(first.flatMap(\.outputs), kind: "network").first)

        let (back, backTransitions) = Self.send(["terug"], to: engine, from: added)
        #expect(back.node == "m2_nw_helpt")
        #expect(backTransitions[0].messages.last?.contains("Waar helpt Ans je mee?") == true)
        #expect(back.vars["netwerk"]?.listItems.count ?? 0 == 0)

        let (again, second) = Self.send(["vervoer"], to: engine, from: back)
        #expect(again.node == "m2_nw_relatie")
        let netwerk = try #require(again.vars["netwerk"]).listItems
        #expect(netwerk.count == 1)
        #expect(netwerk.first?["name"] == .text("Ans"))
        #expect(netwerk.first?["support"] == .list([.option(list: "steun", key: "praktisch")]))
        let secondRecords = Self.records(second.flatMap(\.outputs), kind: "network")
        #expect(secondRecords.count == 1)
        #expect(secondRecords.first?.id == firstRecord.id, "a corrected answer must update the same record")
        #expect(secondRecords.first?.fields["support"] == .list([.option(list: "steun", key: "praktisch")]))
        #expect(netwerk.first?["id"] == .text(firstRecord.id))
    }

    @Test func backFromTheNextMemberAndReansweringKeepsOneEntry() throws {
        let engine = DefaultFlows.engine
        let (added, first) = Self.send(Self.untilHelps + ["boodschappen", "buurman", "geen"], to: engine)
        #expect(added.node == "m2_dichtbij")
        let ids = Self.records(first.flatMap(\.outputs), kind: "network").map(\.id)
        #expect(ids.count == 2)
        // Back twice: to what Piet helps with, then to who Piet is.
        let (back, _) = Self.send(["terug", "terug"], to: engine, from: added)
        #expect(back.node == "m2_nw_relatie")
        let (state, transitions) = Self.send(["vriend", "klussen"], to: engine, from: back)
        #expect(state.node == "m2_dichtbij")
        let netwerk = try #require(state.vars["netwerk"]).listItems
        #expect(netwerk.map { $0["name"] } == [.text("Ans"), .text("Piet")])
        #expect(netwerk.last?["relation"] == .text("vriend"))
        let records = Self.records(transitions.flatMap(\.outputs), kind: "network")
        #expect(records.count == 1)
        #expect(records.first?.id == ids.last, "Piet is corrected, not added again")
        #expect(records.first?.fields["support"] == .list([.option(list: "steun", key: "praktisch")]))
        #expect(Set(netwerk.compactMap { $0["id"]?.key }) == Set(ids))
    }

    @Test func backAtTheFirstQuestionHasNoPreviousQuestion() throws {
        let engine = DefaultFlows.engine
        let (state, transitions) = Self.send(["hoi", "terug"], to: engine)
        #expect(transitions[1].outputs == [.say(key: "system.no_previous", text: engine.catalog.text("system.no_previous", .nl))])
        #expect(state.node == "toestemming")
    }

    // MARK: - (h) Value as JSON

    static let date = LocalDate(year: 2026, month: 12, day: 15)
    static let time = LocalTime(hour: 14, minute: 30)

    static let values: [Value] = [
        .text("hallo"), .text(""), .text("true"), .text("7"), .text("null"), .text("zo'n \"quote\" ëmoji 😀"),
        .number(0), .number(1), .number(-3), .number(1_000_000),
        .bool(true), .bool(false),
        .none,
        .date(date, nil), .date(date, time), .date(LocalDate(year: 2027, month: 1, day: 1), LocalTime(hour: 0, minute: 0)),
        .option(list: "leefgebieden", key: "geld"),
        .list([]), .list([.none]), .list([.number(1), .text("1"), .bool(true), .none]), .list([.list([.list([])])]),
        .record([:]), .record(["naam": .text("Ans"), "telefoon": .none]),
        .record([
            "id": .text("network-10"),
            "wanneer": .date(date, time),
            "lg": .option(list: "leefgebieden", key: "wonen"),
            "acties": .list([.record(["what": .text("bellen"), "due": .date(date, nil), "who": .record(["name": .text("Ans")])])]),
            "leeg": .record([:]),
            "niets": .none
        ])
    ]

    @Test(arguments: values)
    func valueSurvivesJSON(_ value: Value) throws {
        let data = try JSONEncoder().encode(value)
        let decoded = try JSONDecoder().decode(Value.self, from: data)
        #expect(decoded == value, "\(String(decoding: data, as: UTF8.self))")
    }

    @Test(arguments: values)
    func valueSurvivesJSONInsideAState(_ value: Value) throws {
        var state = DefaultFlows.engine.newConversation()
        state.vars["x"] = value
        state.vars["y"] = .record(["x": value])
        let decoded = try Conversation.decode(try state.encoded())
        #expect(decoded.vars["x"] == value)
        #expect(decoded.vars["y"]?["x"] == value)
    }

    @Test(arguments: [
        (Value.date(date, nil), #"{"$date":{"day":15,"month":12,"year":2026}}"#),
        (.date(date, time), #"{"$date":{"day":15,"month":12,"year":2026},"time":{"hour":14,"minute":30}}"#),
        (.option(list: "uren", key: "veel"), #"{"$option":"uren","key":"veel"}"#),
        (.none, "null"),
        (.record(["a": .none, "b": .list([.number(1), .bool(false)])]), #"{"a":null,"b":[1,false]}"#)
    ])
    func valueIsPlainJSON(_ value: Value, json: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(Value.self, from: Data(json.utf8)) == value)
    }
}
