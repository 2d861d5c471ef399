import Foundation

/// The signature of our own generic SMS gateway webhook.
///
/// Header `X-Signature` is the lowercase hex HMAC-SHA256 of the raw body, keyed with a shared secret.
/// An optional `sha256=` prefix is accepted, and hex digits are accepted in either case.
enum GenericSignature {
    static let headerName = "X-Signature"

    /// The header value for `body`: lowercase hex, no prefix.
    static func sign(body: some DataProtocol, secret: String) -> String {
        WebhookSignature.hex(WebhookSignature.hmacSHA256(body, secret: secret))
    }

    /// Whether `header` signs `rawBody` with `secret`. A missing header or an empty secret is invalid.
    static func isValid(header: String?, rawBody: some DataProtocol, secret: String) -> Bool {
        WebhookSignature.isValidHexHMACSHA256(
            header: header, rawBody: rawBody, secret: secret, prefix: "sha256=", prefixRequired: false)
    }
}
