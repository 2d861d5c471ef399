import Foundation

/// The `X-Hub-Signature-256` check of WhatsApp Cloud API (Meta) webhooks.
///
/// The header is `sha256=` followed by the hex HMAC-SHA256 of the raw request body, keyed with the
/// App Secret (not the access token, not the verify token). Check the raw bytes before decoding:
/// Meta escapes non-ASCII as `\uXXXX`, so re-encoded JSON would not match.
enum WhatsAppSignature {
    static let headerName = "X-Hub-Signature-256"

    /// Whether `header` signs `rawBody` with `appSecret`. A missing header or an empty secret is invalid.
    static func isValid(header: String?, rawBody: some DataProtocol, appSecret: String) -> Bool {
        WebhookSignature.isValidHexHMACSHA256(
            header: header, rawBody: rawBody, secret: appSecret, prefix: "sha256=", prefixRequired: true)
    }

    /// The header value Meta would send for `rawBody`.
    static func sign(rawBody: some DataProtocol, appSecret: String) -> String {
        "sha256=" + WebhookSignature.hex(WebhookSignature.hmacSHA256(rawBody, secret: appSecret))
    }
}
