import ArgumentParser
import Dialog
import Foundation
import Synchronization
import GRDB

extension Wegwijzer {
    /// Measuring tools for `scripts/bench`; not for daily use, so not listed in the help.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark helpers for scripts/bench.", shouldDisplay: false,
            subcommands: [BenchEngine.self, BenchTurns.self, BenchSeed.self, BenchLookup.self, BenchCost.self])
    }

    /// The `--inputs` of the bench commands that replay an intake.
    struct IntakeOption: ParsableArguments {
        @Option(help: "A file with one inwoner message per line (a whole intake).")
        var inputs: String

        /// The messages of the intake, one per line.
        func lines() throws -> [String] {
            guard let text = try? String(contentsOfFile: inputs, encoding: .utf8) else { throw CLIError("cannot read \(inputs)") }
            return text.split(separator: "\n").map(String.init)
        }
    }

    struct BenchEngine: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "engine", abstract: "Replay whole intakes in process; print turns per second as JSON.")

        @OptionGroup var global: GlobalOptions

        @OptionGroup var intake: IntakeOption

        @Option(help: "How long to replay.")
        var seconds: Double = 5

        @Option(help: "Threads replaying side by side, each its own inwoners (the server runs turns on every core).")
        var threads: Int = 1

        func validate() throws {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            let library = try global.loadFlows()
            guard let engine = library.engine() else { throw CLIError("no main flow") }
            let lines = try intake.lines()
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            let totals = Mutex<(turns: Int, checksum: Int)>((0, 0))
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                let (turns, checksum) = Self.replay(engine, lines, until: deadline)
                totals.withLock { $0 = ($0.turns + turns, $0.checksum &+ checksum) }
            }
            let elapsed = (ContinuousClock.now - start).seconds
            let (turns, checksum) = totals.withLock { $0 }
            print(#"{"threads": \#(threads), "turns": \#(turns), "seconds": \#(elapsed), "turns_per_second": \#(Double(turns) / elapsed), "outputs_checksum": \#(checksum)}"#)
        }

        /// Whole intakes, one after the other, until the deadline: the turns taken and a checksum
        /// of the outputs (so the work cannot be optimised away).
        static func replay(_ engine: Engine, _ lines: [String], until deadline: ContinuousClock.Instant) -> (turns: Int, checksum: Int) {
            var turns = 0
            var checksum = 0
            var now = Date(timeIntervalSince1970: 1_795_424_400) // 23 November 2026, 10:00 in Amsterdam
            while ContinuousClock.now < deadline {
                var state = engine.newConversation()
                var transition = engine.advance(state, with: .begin, at: now)
                for line in lines {
                    state = transition.state
                    now += 30
                    transition = engine.advance(state, with: .message(line), at: now)
                    turns += 1
                }
                checksum &+= transition.outputs.count
            }
            return (turns, checksum)
        }
    }

    struct BenchCost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cost", abstract: "One whole intake by SMS through the real pipeline; the outbox's message and segment counts as JSON.")

        @OptionGroup var global: GlobalOptions

        @OptionGroup var intake: IntakeOption

        @Option(help: "When the intake starts (ISO 8601); the messages follow a minute apart.")
        var start: String = "2026-11-23T10:00:00+01:00"

        func run() throws {
            guard let begin = ISO8601DateFormatter().date(from: start) else { throw ValidationError("--start must be ISO 8601") }
            let lines = try intake.lines()
            let database = try AppDatabase.inMemory()
            let service = try ConversationService(database: database, library: try global.loadFlows())
            let phone = "+31612345678"
            for (n, line) in lines.enumerated() {
                _ = try service.handle(InboundMessage(channel: "sms", address: phone, phone: phone, providerID: "SMcost\(n)",
                                                      text: String(line), receivedAt: begin.addingTimeInterval(Double(n) * 60)))
            }
            let (inbound, outbound, segments, modules) = try database.reader.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE direction = 'in'") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT SUM(m.segments) FROM outbox o JOIN message m ON m.id = o.messageId") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM moduleProgress WHERE completedAt IS NOT NULL") ?? 0)
            }
            print(#"{"inbound_messages": \#(inbound), "outbound_messages": \#(outbound), "outbound_segments": \#(segments), "modules_completed": \#(modules)}"#)
        }
    }

    struct BenchSeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed", abstract: "Fill a database with inwoners mid-conversation, each with a goal, actions and pending reminders.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "How many inwoners.")
        var inwoners: Int

        @Option(help: "When the first reminder of every inwoner is due (ISO 8601; default: two days from now).")
        var due: String?

        func run() throws {
            guard inwoners > 0, inwoners < 10_000_000 else { throw ValidationError("--inwoners must be between 1 and 9,999,999") }
            // Pending means in the future: reminders already due would be sent by the server under test.
            guard let dueAt = due.map({ ISO8601DateFormatter().date(from: $0) }) ?? Date().addingTimeInterval(2 * 86_400) else {
                throw ValidationError("--due must be ISO 8601")
            }
            let library = try global.loadFlows()
            guard let engine = library.engine() else { throw CLIError("no main flow") }
            // Every inwoner is where a real intake is after three answers: at the first score question.
            let now = dueAt.addingTimeInterval(-86_400)
            var state = engine.advance(engine.newConversation(), with: .begin, at: now).state
            for line in ["hoi", "ja", "1 en 2"] { state = engine.advance(state, with: .message(line), at: now).state }
            let json = String(decoding: try state.encoded(), as: UTF8.self)
            let database = try AppDatabase.open(path: global.databasePath, durability: .normal)
            let started = Date()
            let chunk = 20_000
            for first in stride(from: 0, to: inwoners, by: chunk) {
                try database.writer.write { db in
                    try Self.insert(Array(first..<min(first + chunk, inwoners)), state: state, json: json, now: now, dueAt: dueAt, in: db)
                }
            }
            // The server measured next starts with an empty WAL, not with a checkpoint of the whole load.
            try database.checkpoint()
            print(#"{"inwoners": \#(inwoners), "seconds": \#(Date().timeIntervalSince(started))}"#)
        }

        /// Bench inwoner `n` has phone +3161nnnnnnn.
        static func phone(_ n: Int) -> String { String(format: "+3161%07d", n) }

        static func insert(_ range: [Int], state: Conversation, json: String, now: Date, dueAt: Date, in db: Database) throws {
            let person = try db.makeStatement(sql: "INSERT INTO person (role, phone, name, createdAt) VALUES ('inwoner', ?, ?, ?)")
            let contact = try db.makeStatement(sql: "INSERT INTO contact (personId, channel, address, lastInboundAt) VALUES (?, 'sms', ?, ?)")
            let conversation = try db.makeStatement(sql: """
                INSERT INTO conversation (personId, flowId, flowVersion, state, stateVersion, module, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let message = try db.makeStatement(sql: """
                INSERT INTO message (personId, direction, channel, providerId, text, createdAt) VALUES (?, ?, 'sms', ?, ?, ?)
                """)
            let goal = try db.makeStatement(sql: "INSERT INTO goal (personId, localId, leefgebied, text, rank, createdAt) VALUES (?, 'g1', 'wonen', 'Een fijn huis', 1, ?)")
            let action = try db.makeStatement(sql: """
                INSERT INTO action (personId, goalId, localId, what, ownerKind, dueDate, dueTime, createdAt) VALUES (?, ?, ?, ?, 'inwoner', ?, '10:00', ?)
                """)
            let job = try db.makeStatement(sql: "INSERT INTO job (kind, personId, actionId, dueAt, idempotencyKey, createdAt) VALUES (?, ?, ?, ?, ?, ?)")
            // The actions are due two weeks after the first reminder; their follow-up the day after.
            let actionDay = ISO8601DateFormatter.string(from: dueAt.addingTimeInterval(14 * 86_400),
                                                        timeZone: TimeZone(identifier: "Europe/Amsterdam")!, formatOptions: [.withFullDate])
            let followup = dueAt.addingTimeInterval(15 * 86_400)
            for n in range {
                let phone = phone(n)
                try person.execute(arguments: [phone, "Inwoner \(n)", now])
                let id = db.lastInsertedRowID
                try contact.execute(arguments: [id, phone, now])
                try conversation.execute(arguments: [id, state.flowID, state.flowVersion, json, state.stateVersion, state.module, now])
                for (k, text) in ["hoi", "ja", "1 en 2"].enumerated() {
                    try message.execute(arguments: [id, "in", "SMseed\(n)x\(k)", text, now])
                    try message.execute(arguments: [id, "out", nil, "Vraag \(k + 1)", now])
                }
                try goal.execute(arguments: [id, now])
                let goalID = db.lastInsertedRowID
                for a in 0..<2 {
                    try action.execute(arguments: [id, goalID, "a\(a)", "Stap \(a + 1)", actionDay, now])
                    let actionID = db.lastInsertedRowID
                    // Reminders spread over ten days before the action's day, so a lookup at any moment finds few due.
                    let moment = dueAt.addingTimeInterval(Double(a * 86_400 * 3) + Double(n % 604_800))
                    try job.execute(arguments: ["reminder", id, actionID, moment, "reminder:\(actionID)", now])
                    try job.execute(arguments: ["followup", id, actionID, followup, "followup:\(actionID)", now])
                }
            }
        }
    }

    struct BenchLookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lookup", abstract: "Time the due-reminder lookup and show its query plan, as JSON.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "The moment to look up due jobs for (ISO 8601; default: two days from now, the seed's default).")
        var at: String?

        @Option(help: "How many lookups.")
        var count: Int = 2_000

        func run() throws {
            guard let moment = at.map({ ISO8601DateFormatter().date(from: $0) }) ?? Date().addingTimeInterval(2 * 86_400) else {
                throw ValidationError("--at must be ISO 8601")
            }
            let database = try global.openDatabase()
            let (plan, total, micros) = try database.reader.read { db -> ([String], Int, [Double]) in
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + JobStore.nextDueSQL, arguments: [moment]).map { $0["detail"] as String }
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job") ?? 0
                var micros: [Double] = []
                for k in 0..<count {
                    let start = ContinuousClock.now
                    _ = try JobStore.nextDue(at: moment.addingTimeInterval(Double(k)), in: db)
                    micros.append((ContinuousClock.now - start).seconds * 1_000_000)
                }
                return (plan, total, micros.sorted())
            }
            let p50 = micros[micros.count / 2], p99 = micros[min(micros.count - 1, micros.count * 99 / 100)]
            let planJSON = plan.map { "\"\($0)\"" }.joined(separator: ", ")
            print(#"{"jobs": \#(total), "lookups": \#(count), "p50_us": \#(p50), "p99_us": \#(p99), "plan": [\#(planJSON)]}"#)
        }
    }
}
