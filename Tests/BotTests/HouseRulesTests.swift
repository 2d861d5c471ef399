import Foundation
import Testing

/// Rules of the code base that a reviewer would otherwise check by hand: the store contract is
/// the only way to the database, and the clock the only way to the time.
struct HouseRulesTests {
    static let bot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Bot")

    /// Every Swift file under Sources/Bot, as (path relative to Sources/Bot, lines).
    static func files() throws -> [(path: String, lines: [Substring])] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: bot.path))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map { path in
            (
                path,
                try String(contentsOf: bot.appendingPathComponent(path), encoding: .utf8).split(
                    separator: "\n", omittingEmptySubsequences: false)
            )
        }
    }

    static func offending(_ pattern: String, except allowed: (String) -> Bool) throws -> [String] {
        try files().filter { !allowed($0.path) }.flatMap { file in
            file.lines.enumerated().filter {
                $0.element.contains(pattern) && !$0.element.trimmingCharacters(in: .whitespaces).hasPrefix("//")
            }
            .map { "\(file.path):\($0.offset + 1)" }
        }
    }

    @Test func theSourcesAreFound() throws {
        #expect(try Self.files().count > 100)
    }

    @Test func noSQLOutsideStorage() throws {
        #expect(try Self.offending("sql:", except: { $0.hasPrefix("Storage/") }) == [])
    }

    @Test func noDateOutsideTheClock() throws {
        #expect(try Self.offending("Date()", except: { $0 == "Support/WallClock.swift" }) == [])
    }
}
