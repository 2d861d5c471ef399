import ArgumentParser

@main
struct Wegwijzer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wegwijzer",
        abstract: "Wegwijzer: het gesprek Waar sta ik nu? Waar wil ik heen? Hoe kom ik daar? per chat."
    )
}
