import Dialog
import Foundation
import GRDB
import Synchronization
import Testing

@testable import Bot

/// Golden transcripts through the whole Bot: store, scheduler and outbox, with time moving.
///
/// ```
/// # start: 2026-11-23T10:00:00+01:00
/// > ja                     the inwoner (+31612345678) sends
/// >+31687654321 JA         someone else sends
/// < ...                    a message to the inwoner (`| ` continues it)
/// <+31687654321 ...        a message to someone else
/// @ +1d 09:00              time moves on; due jobs run
/// ? plan                   the ondersteuningsplan as `wegwijzer plan` shows it
/// ? spiegel                spiegelblad 1 as `wegwijzer spiegel --module 1` shows it
/// ? alerts, ? checkins     open alerts, mantelzorg check-ins
/// ! aannemen               the professional takes on the step proposed to them (web page "Aannemen")
/// ```
/// `RECORD=1` rewrites the files and fails, as for the engine transcripts.
struct AfsprakenTranscriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")
    static let inwoner = "+31612345678"

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func transcriptsExist() {
        #expect(Self.names.count >= 3)
    }

    @Test(arguments: names)
    func replay(_ name: String) async throws {
        let url = Self.directory.appendingPathComponent(name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        let actual = try await Self.replay(expected)
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name): review the diff, then run again without RECORD")
            return
        }
        if let difference = Transcript.difference(expected: expected, actual: actual) {
            Issue.record("\(name) \(difference)")
        }
    }

    static func replay(_ text: String) async throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let startLine = lines.first(where: { $0.hasPrefix("# start: ") }),
            let start = ISO8601DateFormatter().date(from: String(startLine.dropFirst(9)))
        else {
            throw Missing(what: "# start: <ISO 8601>")
        }
        let database = try AppDatabase.inMemory()
        let service = try ConversationService(database: database, library: Fixtures.library)
        let runner = JobRunner(service: service)
        let calendar = DialogEnvironment.amsterdam.calendar
        var now = start
        var out = lines.filter { $0.hasPrefix("# ") }.joined(separator: "\n") + "\n"
        var n = 0
        for line in lines {
            if line.hasPrefix(">") {
                let body = line.dropFirst()
                let (phone, message): (String, String)
                if body.hasPrefix("+"), let space = body.firstIndex(of: " ") {
                    (phone, message) = (String(body[..<space]), String(body[body.index(after: space)...]))
                } else {
                    (phone, message) = (inwoner, String(body.drop { $0 == " " }))
                }
                out += line + "\n"
                n += 1
                _ = try service.handle(
                    InboundMessage(
                        channel: "sms", address: phone, phone: phone, providerID: "T\(n)",
                        text: message, receivedAt: now))
                out += try await delivered(database, now)
            } else if line.hasPrefix("@ ") {
                out += line + "\n"
                now = Transcript.move(now, by: String(line.dropFirst(2)), calendar: calendar) ?? now
                _ = try await runner.runDue(at: now)
                out += try await delivered(database, now)
            } else if line == "? alerts" || line == "? checkins" {
                out += line + "\n"
                let sql =
                    line == "? alerts"
                    ? "SELECT kind || ': ' || COALESCE(detail, node, '') FROM alert WHERE handledAt IS NULL ORDER BY id"
                    : "SELECT kind || ' ' || status || COALESCE(' ' || score, '') || COALESCE(' ' || band, '') FROM checkin ORDER BY id"
                let rows = try await database.read { db in try String.fetchAll(db, sql: sql) }
                out += rows.map { "| \($0)\n" }.joined()
            } else if line == "? spiegel" {
                // Spiegelblad 1 as `wegwijzer spiegel --module 1` prints it, with the omgeving's shared views.
                out += line + "\n"
                let text = try await database.read { db -> String in
                    guard let state = try ConversationStore.state(personID: 1, flowID: FlowLibrary.mainFlowID, in: db) else { return "" }
                    let renderer = Renderer(catalog: Fixtures.library.catalog, language: state.language)
                    return
                        ([renderer.render("spiegel.m1", vars: state.vars)]
                        + (try Wegwijzer.Spiegel.sharedViews(inwonerID: 1, in: db)).map {
                            renderer.render("spiegel.omgeving", vars: $0.textVars)
                        }).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: "\n")
                }
                out += text.split(separator: "\n").map { "| \($0)" }.joined(separator: "\n") + "\n"
            } else if line == "! aannemen" {
                out += line + "\n"
                let at = now
                try await database.write { db in
                    let proposed = try PlanRows.goals(personID: 1, in: db).flatMap(\.actions).filter(\.proposed)
                    guard let action = proposed.last else { throw Missing(what: "a step proposed to the professional") }
                    try ActionEditor(service: service, personID: 1, now: at, db: db).accept(actionID: action.id)
                }
                out += try await delivered(database, now)
            } else if line == "? plan" {
                out += line + "\n"
                let plan = try await database.read { db in try SupportPlan.text(personID: 1, library: Fixtures.library, in: db) }
                out += plan.split(separator: "\n").map { "| \($0)" }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    /// Every queued message in order, as transcript lines, then marked sent.
    static func delivered(_ database: AppDatabase, _ now: Date) async throws -> String {
        try await database.write { db in
            let pending = try OutboxStore.pending(channel: "sms", in: db)
            try OutboxStore.markSent(pending.map(\.outboxID), at: now, in: db)
            return pending.map { message in
                let who = message.address == inwoner ? "" : message.address
                return "<\(who) " + message.text.replacingOccurrences(of: "\n", with: "\n| ") + "\n"
            }.joined()
        }
    }

    struct Missing: Error { let what: String }
}
