import ArgumentParser

/// `wegwijzer-bench`: the measuring commands of `scripts/bench`, in a binary of their own so the
/// shipped `wegwijzer` carries none of them.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wegwijzer-bench", abstract: "Benchmark helpers for scripts/bench.",
        subcommands: [BenchEngine.self, BenchTurns.self, BenchSeed.self, BenchLookup.self, BenchCost.self])
}
