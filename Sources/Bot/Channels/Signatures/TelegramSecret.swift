import Foundation

/// The `X-Telegram-Bot-Api-Secret-Token` check of Telegram webhooks.
///
/// `setWebhook(secret_token:)` makes Telegram send the token verbatim on every POST. There is no HMAC:
/// the check is a constant-time comparison with the configured token.
enum TelegramSecret {
    static let headerName = "X-Telegram-Bot-Api-Secret-Token"

    /// Whether the header carries the configured token. A missing header or an empty configured token is invalid.
    static func isValid(header: String?, expected: String) -> Bool {
        guard let header, !expected.isEmpty else { return false }
        return WebhookSignature.constantTimeEquals(header, expected)
    }

    /// Whether `token` is allowed as a `secret_token`: 1 to 256 characters of `A-Z a-z 0-9 _ -`.
    static func isWellFormed(_ token: String) -> Bool {
        WebhookSignature.isSafeToken(token)
    }
}
