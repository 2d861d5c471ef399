import ArgumentParser
import Bot
import Dialog
import Foundation
import Synchronization

struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine", abstract: "Replay whole intakes in process; print turns per second as JSON.")

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
        // One engine per thread, each from its own load of the flows, as the server works turns out
        // on each core (`EnginePool`).
        let engines = try (0..<threads).map { _ in
            guard let engine = try global.loadFlows().engine() else { throw CLIError("no main flow") }
            return engine
        }
        let lines = try intake.lines()
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let totals = Mutex<(turns: Int, checksum: Int)>((0, 0))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let (turns, checksum) = Self.replay(engines[thread], lines, until: deadline)
            totals.withLock { $0 = ($0.turns + turns, $0.checksum &+ checksum) }
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let (turns, checksum) = totals.withLock { $0 }
        print(
            #"{"threads": \#(threads), "turns": \#(turns), "seconds": \#(elapsed), "turns_per_second": \#(Double(turns) / elapsed), "outputs_checksum": \#(checksum)}"#
        )
    }

    /// Whole intakes, one after the other, until the deadline: the turns taken and a checksum
    /// of the outputs (so the work cannot be optimised away).
    static func replay(_ engine: Engine, _ lines: [String], until deadline: ContinuousClock.Instant) -> (turns: Int, checksum: Int) {
        var turns = 0
        var checksum = 0
        var now = Date(timeIntervalSince1970: 1_795_424_400)  // 23 November 2026, 10:00 in Amsterdam
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
