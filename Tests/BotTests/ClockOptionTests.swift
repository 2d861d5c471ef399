import Foundation
import GRDB
import Testing

/// `--now` on the commands that stamp or plan with the time (`user add`, `user assign`, `window`).
struct ClockOptionTests {
    @Test func aMomentThatIsNotISO8601IsRefused() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("clock.sqlite").path
        let refused = try BinaryRunner.run(
            ["user", "add", "--db", db, "--email", "anna@wijkteam.example", "--now", "morgen"],
            input: "een lang wachtwoord\n")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("ISO 8601"))
    }

    @Test func anAccountIsMadeAtTheGivenMoment() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("clock.sqlite").path
        let made = try BinaryRunner.run(
            [
                "user", "add", "--db", db, "--email", "anna@wijkteam.example", "--cost", "10",
                "--now", "2026-12-04T10:00:00+01:00"
            ], input: "een lang wachtwoord\n")
        #expect(made.status == 0, "user add failed: \(made.stderr)")
        let createdAt = try DatabaseQueue(path: db).read { db in try Date.fetchOne(db, sql: "SELECT createdAt FROM professional") }
        #expect(createdAt == ISO8601DateFormatter().date(from: "2026-12-04T10:00:00+01:00"))
    }
}
