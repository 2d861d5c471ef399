import Dialog
import Foundation
import GRDB

/// A date stored exactly as GRDB stores a `Date` ("yyyy-MM-dd HH:mm:ss.SSS" in UTC, so rows
/// written either way compare and sort alike), but written with integer arithmetic instead of
/// GRDB's `DateFormatter`, which was a tenth of the writer's time on a turn's seven dates.
struct SQLDate: DatabaseValueConvertible {
    let date: Date

    init(_ date: Date) {
        self.date = date
    }

    var databaseValue: DatabaseValue { Self.text(date).databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> SQLDate? {
        Date.fromDatabaseValue(dbValue).map(SQLDate.init)
    }

    static func text(_ date: Date) -> String {
        // The milliseconds as Foundation's formatter counts them: from the reference date, to the nearest.
        let millis = Int64(((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded())
        let (seconds, milli) = floorDivide(millis, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let date = LocalDate(dayNumber: Int(days))
        let (year, month, day) = (Int64(date.year), Int64(date.month), Int64(date.day))
        var out = [UInt8]()
        out.reserveCapacity(23)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        out.append(UInt8(ascii: "-"))
        digits(month, 2)
        out.append(UInt8(ascii: "-"))
        digits(day, 2)
        out.append(UInt8(ascii: " "))
        digits(secondOfDay / 3600, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        out.append(UInt8(ascii: "."))
        digits(milli, 3)
        return String(decoding: out, as: UTF8.self)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
