import ArgumentParser
import Foundation

extension Wegwijzer {
    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The bewaartermijn: list (--dry-run) or signal and erase (--apply) inwoners without activity for too long.",
            discussion: """
                An inwoner with no message, no action change and no change in the web view for inactive_months gets a \
                'bewaartermijn' signal for their professional; notice_days after that signal, if still inactive, they are \
                erased as from the web view. `serve` does the same once a day. Settings: the retention section of --config, \
                or --inactive-months and --notice-days.
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "List what would happen; change nothing.")
        var dryRun = false

        @Flag(help: "Raise the signals that are due and erase the inwoners whose signal has stood long enough.")
        var apply = false

        @Option(help: "A config file with a retention section (only that section is read).")
        var config: String?

        @Option(help: "Months without activity before an inwoner is erased.")
        var inactiveMonths: Int?

        @Option(help: "Days between the signal to the professional and the erasure (default 14).")
        var noticeDays: Int?

        @OptionGroup var clock: ClockOption

        func validate() throws {
            guard dryRun != apply else { throw ValidationError("give exactly one of --dry-run and --apply") }
        }

        func run() async throws {
            let settings = try self.settings()
            let database = try global.openDatabase()
            let retention = RetentionPolicy(settings: settings, database: database, clock: clock.clock)
            if dryRun {
                let items = try await retention.plan()
                guard !items.isEmpty else {
                    return print("no inwoner near the end of the bewaartermijn (\(settings.inactiveMonths) months)")
                }
                for item in items { print(Self.line(item)) }
                return
            }
            let outcome = try await retention.apply()
            for id in outcome.notified { print("inwoner \(id)  signal to the professional: erased after \(settings.noticeDays) days") }
            for id in outcome.erased { print("inwoner \(id)  erased") }
            if outcome.notified.isEmpty && outcome.erased.isEmpty { print("nothing to do") }
            if outcome.erasure == .inProgress {
                print(
                    "erasure in progress: another program is reading the database; an earlier copy stays in its files until it stops (serve finishes it)"
                )
            }
        }

        private func settings() throws -> RetentionSettings {
            var settings: RetentionSettings?
            if let config {
                do { settings = try ServeConfig.retention(file: config) } catch { throw CLIError("\(error)") }
            }
            if let inactiveMonths { settings = RetentionSettings(inactiveMonths: inactiveMonths, noticeDays: settings?.noticeDays ?? 14) }
            if let noticeDays, settings != nil { settings?.noticeDays = noticeDays }
            guard let settings else { throw CLIError("no bewaartermijn: give --inactive-months, or a --config with a retention section") }
            guard settings.inactiveMonths >= 1, settings.noticeDays >= 1 else { throw CLIError("months and days must be at least 1") }
            return settings
        }

        static func line(_ item: RetentionPolicy.Item) -> String {
            let head = "inwoner \(item.personID)  last active \(RetentionPolicy.day(item.lastActivity))  "
            switch item.step {
            case .notify(let from): return head + "signal to the professional now; erased from \(RetentionPolicy.day(from))"
            case .wait(let until): return head + "signalled; erased from \(RetentionPolicy.day(until))"
            case .erase: return head + "erased now"
            }
        }
    }
}
