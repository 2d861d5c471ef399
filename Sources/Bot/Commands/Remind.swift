import ArgumentParser
import Foundation
import GRDB

extension Wegwijzer {
    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the reminders, follow-ups and overviews that are due, then exit (for cron and tests).")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Run once and exit.")
        var once = false

        @OptionGroup var clock: ClockOption

        func validate() throws {
            guard once else { throw ValidationError("only --once is supported; `wegwijzer serve` runs the scheduler continuously") }
        }

        func run() async throws {
            let moment = clock.clock.now()
            let service = try ConversationService(database: try global.openDatabase(), library: try global.loadFlows())
            _ = try await JobRunner(service: service).runDue(at: moment)
            // Messages for the stdin channel are "sent" by printing them, a line each.
            let pending = try await service.database.read { db in try OutboxStore.pending(channel: ChatSession.channel, in: db) }
            for message in pending {
                print("\(message.address): \(message.text.replacingOccurrences(of: "\n", with: " / "))")
            }
            try await service.database.write { db in try OutboxStore.markSent(pending.map(\.outboxID), at: moment, in: db) }
        }
    }
}
