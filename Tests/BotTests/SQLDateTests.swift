import Foundation
import GRDB
import Testing

@testable import Bot

/// Dates written by `SQLDate` are the text GRDB writes for the same `Date`.
struct SQLDateTests {
    @Test func theTextIsGRDBsForEveryKindOfDate() throws {
        var rng = SystemRandomNumberGenerator()
        var dates = [0, 951_782_400, 1_795_424_400.123, 1_795_424_399.9995, 4_102_444_799.999, 1_709_164_800]  // the last: 2024-02-29
            .map { Date(timeIntervalSince1970: $0) }
        for _ in 0..<20_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &rng))) }
        // Whole milliseconds as the clock and parsed ISO times give them.
        for _ in 0..<5_000 {
            dates.append(Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &rng)) / 1000))
        }
        for date in dates {
            let grdb = String.fromDatabaseValue(date.databaseValue)
            #expect(SQLDate.text(date) == grdb, "\(date.timeIntervalSince1970)")
        }
    }

    @Test func itReadsBackAsTheDateToTheMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_795_424_400.25)
        let read = try #require(SQLDate.fromDatabaseValue(SQLDate(date).databaseValue))
        #expect(abs(read.date.timeIntervalSince(date)) < 0.001)
    }
}
