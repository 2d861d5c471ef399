import Foundation

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
