import ArgumentParser
import Foundation
import GRDB

extension Wegwijzer {
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accounts of professionals for the web view.",
            subcommands: [Add.self, Contact.self, Assign.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a login: the password is asked twice, or read as one line from stdin when piped.")

            @OptionGroup var global: GlobalOptions
            @OptionGroup var time: ClockOption

            @Option(help: "The professional's e-mail address (the login name).")
            var email: String

            @Flag(help: "May see the audit log and assign new inwoners to professionals.")
            var admin = false

            @OptionGroup var contact: ContactOptions

            @Option(help: "bcrypt cost (work factor), 10 to 16.")
            var cost = 12

            func validate() throws {
                guard email.contains("@"), email.count <= 254, !email.contains(where: \.isWhitespace) else {
                    throw ValidationError("--email must be an e-mail address")
                }
                guard (10...16).contains(cost) else { throw ValidationError("--cost must be between 10 and 16") }
                try contact.validate()
            }

            func run() throws {
                let password = try Self.readPassword()
                if let problem = Passwords.problem(password) { throw CLIError(problem) }
                let database = try global.openDatabase()
                let hash = Passwords.hash(password, cost: cost)
                let now = time.clock.now()
                do {
                    _ = try database.write { db in
                        _ = try ProfessionalStore.add(email: email, passwordHash: hash, admin: admin, at: now, in: db)
                        _ = try ProfessionalStore.setContact(email: email, name: contact.name, phone: contact.phone, in: db)
                    }
                } catch let error as ProfessionalStore.AlreadyExists {
                    throw CLIError(error.description)
                }
                print("account made for \(email)\(admin ? " (admin)" : "")")
            }

            static func readPassword() throws -> String {
                guard isatty(STDIN_FILENO) != 0 else {
                    guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("no password on stdin") }
                    return line
                }
                let first = String(cString: getpass("Wachtwoord: "))
                let second = String(cString: getpass("Nog een keer: "))
                guard first == second else { throw CLIError("the two passwords are not the same; nothing was saved") }
                return first
            }
        }

        struct Contact: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set the name and phone number by which inwoners reach a professional (on their printed plan).")

            @OptionGroup var global: GlobalOptions

            @Option(help: "The professional's e-mail address.")
            var email: String

            @OptionGroup var contact: ContactOptions

            func validate() throws {
                guard contact.name != nil || contact.phone != nil else { throw ValidationError("give --name, --phone or both") }
            }

            func run() throws {
                let database = try global.openDatabase()
                let found = try database.write { db in
                    try ProfessionalStore.setContact(email: email, name: contact.name, phone: contact.phone, in: db)
                }
                guard found else { throw CLIError("no professional with the e-mail address \(email)") }
                print("contact set for \(email)")
            }
        }

        struct Assign: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Put an inwoner on a professional's caseload.")

            @OptionGroup var global: GlobalOptions
            @OptionGroup var time: ClockOption

            @Option(help: "The inwoner's phone number.")
            var phone: String

            @Option(help: "The professional's e-mail address.")
            var email: String

            func run() throws {
                let phone = try normalizedPhone(self.phone)
                let database = try global.openDatabase()
                let now = time.clock.now()
                try database.write { db in
                    guard let personID = try PersonStore.id(phone: phone, in: db), try PersonStore.isInwoner(personID: personID, in: db)
                    else { throw CLIError("no inwoner with this phone number") }
                    guard let professional = try ProfessionalStore.find(email: email, in: db) else {
                        throw CLIError("no professional with this e-mail address")
                    }
                    try ProfessionalStore.assign(personID: personID, to: professional.id, in: db)
                    try AuditLog.record(
                        "toegewezen via de opdrachtregel", professionalID: professional.id, personID: personID, at: now, in: db)
                }
                print("\(LogPrivacy.mask(phone)) is on the caseload of \(email)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The accounts and the size of their caseload.")

            @OptionGroup var global: GlobalOptions

            func run() throws {
                let accounts = try global.openDatabase().read { db in try ProfessionalStore.accounts(in: db) }
                guard !accounts.isEmpty else { return print("no accounts yet") }
                for account in accounts {
                    let role = account.professional.isAdmin ? "admin" : "professional"
                    print("\(account.professional.email)  \(role)  \(account.caseload) inwoners")
                }
            }
        }
    }
}
