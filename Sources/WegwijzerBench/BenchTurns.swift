import ArgumentParser
import Bot
import Dialog
import Foundation
import GRDB

/// The CPU one inbound message costs on each side of the writer, in process and on one thread:
/// working the turn out (engine and state encoding, as a webhook's task does) and applying it
/// in batches (as the group-commit writer does). Thread CPU time, not wall time: on a shared
/// virtual machine the end-to-end rate can move by a fifth from one run to the next, these far less.
struct BenchTurns: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "turns", abstract: "CPU per message before and inside the writer, as JSON.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var intake: IntakeOption

    @Option(help: "Inwoners in conversation side by side (each batch holds one message of each of some of them).")
    var inwoners: Int = 32

    @Option(help: "Messages per write transaction.")
    var batch: Int = 13

    @Option(help: "Messages to apply.")
    var messages: Int = 20_000

    func validate() throws {
        guard inwoners >= 1, batch >= 1, messages >= 1 else {
            throw ValidationError("--inwoners, --batch and --messages must be at least 1")
        }
    }

    func run() throws {
        let lines = try intake.lines()
        let database = try global.openDatabase()
        let service = try ConversationService(database: database, library: try global.loadFlows())
        var position = [Int](repeating: 0, count: inwoners)
        var generation = [Int](repeating: 0, count: inwoners)
        var now = Date(timeIntervalSince1970: 1_795_424_400)  // 23 November 2026, 10:00 in Amsterdam
        var prepareCPU = Duration.zero
        var writeCPU = Duration.zero
        var applied = 0
        var prepared = 0
        var next = 0
        while applied < messages {
            var items: [InboundBatcher.Item] = []
            let started = Self.threadCPU()
            for _ in 0..<min(batch, messages - applied) {
                let who = next % inwoners
                next += 1
                if position[who] == lines.count {
                    position[who] = 0
                    generation[who] += 1
                }
                // Each generation of each seat its own number: a new inwoner once an intake is done.
                let address = "+3169\(String(format: "%07d", (generation[who] * inwoners + who) % 10_000_000))"
                now += 0.01
                let message = InboundMessage(
                    channel: "sms", address: address, phone: address,
                    providerID: "SMturn\(applied + items.count)", text: lines[position[who]], receivedAt: now)
                position[who] += 1
                let turn = service.prepare(message)
                if turn != nil { prepared += 1 }
                items.append(InboundBatcher.Item(message: message, inline: true, prepared: turn))
            }
            prepareCPU += Self.threadCPU() - started
            // Timed on the writer's own thread.
            let (outcomes, cpu) = try database.writeWithoutTransaction { db in
                let before = Self.threadCPU()
                let outcomes = InboundBatcher.commit(items, service: service, in: db)
                return (outcomes, Self.threadCPU() - before)
            }
            writeCPU += cpu
            for case .failed(let failure) in outcomes { throw CLIError("a message failed: \(failure)") }
            applied += items.count
        }
        let perMessage = { (cpu: Duration) in cpu.seconds * 1e6 / Double(applied) }
        print(
            #"{"messages": \#(applied), "prepared_ahead": \#(prepared), "batch": \#(batch), "prepare_cpu_us": \#(perMessage(prepareCPU)), "write_cpu_us": \#(perMessage(writeCPU))}"#
        )
    }

    /// CPU time of the calling thread (user and system).
    static func threadCPU() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }
}
