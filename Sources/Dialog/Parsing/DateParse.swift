import Foundation

public enum DateParse: Sendable, Equatable {
    case value(LocalDate, LocalTime?)
    /// A recognisable moment that lies before `now`.
    case past
    case invalid
}
