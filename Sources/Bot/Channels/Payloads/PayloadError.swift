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

/// Size limits the parsers enforce, so no field of any size can get further than the parser.
enum PayloadLimits {
    /// Message texts: WhatsApp and Telegram allow 4096 characters, Twilio 1600. Counted in Unicode
    /// scalars, so a text cannot hide megabytes inside one grapheme.
    static let maxTextScalars = 4096
    /// Provider ids, phone numbers, status words: bytes of UTF-8.
    static let maxIDBytes = 256
    /// Form bodies (Twilio) and our generic gateway's JSON.
    static let maxSmallBody = 64 * 1024
    /// WhatsApp batches can reach 3 MB.
    static let maxWhatsAppBody = 4 * 1024 * 1024
    /// One Telegram update.
    static let maxTelegramBody = 1024 * 1024

    /// Fails when `text` has more than ``maxTextScalars`` scalars.
    static func checkText(_ text: String, field: String) -> PayloadError? {
        text.unicodeScalars.count > maxTextScalars ? .tooLong(field, limit: maxTextScalars) : nil
    }

    /// Fails when `value` is empty or longer than ``maxIDBytes`` bytes.
    static func checkID(_ value: String, field: String) -> PayloadError? {
        if value.isEmpty { return .empty(field) }
        return value.utf8.count > maxIDBytes ? .tooLong(field, limit: maxIDBytes) : nil
    }

    /// Like ``checkID(_:field:)`` for an optional value; nil passes.
    static func checkOptionalID(_ value: String?, field: String) -> PayloadError? {
        guard let value else { return nil }
        return value.utf8.count > maxIDBytes ? .tooLong(field, limit: maxIDBytes) : nil
    }
}
