import ArgumentParser
import Bot
import Dialog
import Foundation
import GRDB

struct BenchCost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost", abstract: "One whole intake by SMS through the real pipeline; the outbox's message and segment counts as JSON."
    )

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
            _ = try service.handle(
                InboundMessage(
                    channel: "sms", address: phone, phone: phone, providerID: "SMcost\(n)",
                    text: String(line), receivedAt: begin.addingTimeInterval(Double(n) * 60)))
        }
        let (inbound, outbound, segments, modules) = try database.read { db in try BenchCounts.intake(in: db) }
        print(
            #"{"inbound_messages": \#(inbound), "outbound_messages": \#(outbound), "outbound_segments": \#(segments), "modules_completed": \#(modules)}"#
        )
    }
}
