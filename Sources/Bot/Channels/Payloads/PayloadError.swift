import Foundation

/// Why a webhook body was refused, in a few words fit for a 400 response body.
struct PayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short English reason, e.g. `missing field 'From'`.
    var reason: String

    var description: String { reason }

    init(_ reason: String) {
        self.reason = reason
    }

    static func missing(_ field: String) -> PayloadError { PayloadError("missing field '\(field)'") }
    static func empty(_ field: String) -> PayloadError { PayloadError("field '\(field)' is empty") }
    static func wrongType(_ field: String) -> PayloadError { PayloadError("field '\(field)' has the wrong type") }
    static func invalid(_ field: String) -> PayloadError { PayloadError("field '\(field)' is invalid") }
    static func tooLong(_ field: String, limit: Int) -> PayloadError {
        PayloadError("field '\(field)' is longer than \(limit) characters")
    }
    static func tooLarge(limit: Int) -> PayloadError { PayloadError("body is larger than \(limit) bytes") }
    static let emptyBody = PayloadError("body is empty")
    static let invalidJSON = PayloadError("body is not valid JSON")
    static let invalidForm = PayloadError("body is not valid form encoding (bad %-escape or invalid UTF-8)")
}
