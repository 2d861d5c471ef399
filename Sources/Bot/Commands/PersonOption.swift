import ArgumentParser
import GRDB

/// `--phone N` picks an inwoner; without it, the local stdin chat.
struct PersonOption: ParsableArguments {
    @Option(help: "The inwoner's phone number (default: the local chat).")
    var phone: String?

    func personID(in database: AppDatabase) throws -> Int64 {
        let normalized = try phone.map(normalizedPhone)
        let id = try database.read { db in
            if let normalized { return try PersonStore.id(phone: normalized, in: db) }
            return try PersonStore.id(channel: ChatSession.channel, address: "local", in: db)
        }
        guard let id else { throw CLIError("unknown phone: \(phone ?? "(local chat)") has no conversation in this database") }
        return id
    }
}
