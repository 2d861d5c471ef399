import ArgumentParser
import Bot
import Dialog
import Foundation
import GRDB

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
        let (plan, total, micros) = try database.read { db -> ([String], Int, [Double]) in
            let plan = try BenchCounts.nextDuePlan(at: moment, in: db)
            let total = try BenchCounts.jobs(in: db)
            var micros: [Double] = []
            for k in 0..<count {
                let start = ContinuousClock.now
                _ = try JobStore.nextDue(at: moment.addingTimeInterval(Double(k)), in: db)
                micros.append((ContinuousClock.now - start).seconds * 1_000_000)
            }
            return (plan, total, micros.sorted())
        }
        let p50 = micros[micros.count / 2]
        let p99 = micros[min(micros.count - 1, micros.count * 99 / 100)]
        let planJSON = plan.map { "\"\($0)\"" }.joined(separator: ", ")
        print(#"{"jobs": \#(total), "lookups": \#(count), "p50_us": \#(p50), "p99_us": \#(p99), "plan": [\#(planJSON)]}"#)
    }
}
