import ArgumentParser
import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

extension Wegwijzer {
    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a conversation with a new inwoner: the opening message goes out through the outbox.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "The inwoner's phone number.")
        var phone: String

        @Option(help: "The inwoner's name.")
        var name: String

        @Option(help: "sms, whatsapp or telegram (for telegram, --phone is matched when the person writes first).")
        var channel: String = "sms"

        @Option(help: "Language: nl or en.")
        var lang: Language = .nl

        @Option(help: "Put the inwoner on this professional's caseload (their e-mail address).")
        var professional: String?

        @OptionGroup var clock: ClockOption

        func validate() throws {
            guard ["sms", "whatsapp"].contains(channel) else {
                throw ValidationError("--channel must be sms or whatsapp (Telegram bots cannot write first)")
            }
        }

        func run() async throws {
            let phone = try normalizedPhone(self.phone)
            let database = try global.openDatabase()
            let service = try ConversationService(database: database, library: try global.loadFlows())
            let replies = try await database.write { db in
                var professionalID: Int64?
                if let professional {
                    guard let found = try ProfessionalStore.find(email: professional, in: db) else {
                        throw CLIError("no professional with this e-mail address")
                    }
                    professionalID = found.id
                }
                let replies = try service.enroll(phone: phone, name: name, channel: channel, language: lang, at: clock.clock.now(), in: db)
                if let professionalID, let id = try PersonStore.id(phone: phone, in: db) {
                    try ProfessionalStore.assign(personID: id, to: professionalID, in: db)
                }
                return replies
            }
            print("Enrolled \(LogPrivacy.mask(phone)): \(replies.count) message(s) queued on \(channel).")
        }
    }
}
