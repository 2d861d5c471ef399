import Foundation
import GRDB
import Testing

/// `user add --name --phone` and `user contact`: how inwoners reach their professional, printed on
/// the plan for the fridge.
struct ProfessionalContactTests {
    @Test func aNameAndPhoneAreSetAtTheStartOrLaterAndABadOneIsRefused() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("contact.sqlite").path
        let made = try BinaryRunner.run(
            ["user", "add", "--db", db, "--email", "anna@wijkteam.example", "--cost", "10", "--name", "Anna de Vries"],
            input: "een lang wachtwoord\n")
        #expect(made.status == 0, "user add failed: \(made.stderr)")
        let set = try BinaryRunner.run(["user", "contact", "--db", db, "--email", "anna@wijkteam.example", "--phone", "020 123 4567"])
        #expect(set.status == 0, "user contact failed: \(set.stderr)")
        let bad = try BinaryRunner.run(["user", "contact", "--db", db, "--email", "anna@wijkteam.example", "--phone", "bel me"])
        #expect(bad.status != 0 && bad.stderr.contains("--phone must be a phone number"))
        let nobody = try BinaryRunner.run(["user", "contact", "--db", db, "--email", "bram@wijkteam.example", "--name", "Bram"])
        #expect(nobody.status != 0 && nobody.stderr.contains("no professional"))
        let row = try DatabaseQueue(path: db).read { db in try Row.fetchOne(db, sql: "SELECT name, phone FROM professional") }
        #expect(row?["name"] == "Anna de Vries")
        #expect(row?["phone"] == "020 123 4567")
    }
}
