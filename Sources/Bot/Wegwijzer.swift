import ArgumentParser

/// The `wegwijzer` command line; its `main` is the shipped binary's entry point.
package struct Wegwijzer: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "wegwijzer",
        abstract: "Wegwijzer: Waar sta ik nu? Waar wil ik heen? Hoe kom ik daar? - by chat.",
        subcommands: [
            Chat.self, Serve.self, Enroll.self, Remind.self, Window.self, Plan.self, Spiegel.self, Checkins.self, Alerts.self,
            Export.self, Flows.self, Parse.self, User.self, Backup.self, Retention.self, Db.self
        ]
    )

    package init() {}
}
