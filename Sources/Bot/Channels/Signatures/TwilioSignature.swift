import Crypto
import Foundation

/// The `X-Twilio-Signature` check of Twilio webhooks (inbound messages and status callbacks).
///
/// The signed string is the full URL Twilio requested, followed by every POST parameter as
/// `name + value`, names sorted in byte order (a name's repeated values sorted too). It is signed
/// with HMAC-SHA1 keyed with the Auth Token, or with HMAC-SHA256 keyed with a shared key when the
/// request carries `X-Twilio-Webhooks-Signature-Settings: …,algorithm=HMAC_SHA256`. The result is base64.
///
/// For `application/json` webhooks Twilio appends `bodySHA256=<hex>` to the URL and signs the URL alone;
/// see ``isValidJSON(signature:url:rawBody:secret:algorithm:)``.
enum TwilioSignature {
    static let headerName = "X-Twilio-Signature"
    static let settingsHeaderName = "X-Twilio-Webhooks-Signature-Settings"

    enum Algorithm: String, Sendable, Equatable {
        case sha1 = "HMAC_SHA1"
        case sha256 = "HMAC_SHA256"
    }

    /// The algorithm a request is signed with, from its `X-Twilio-Webhooks-Signature-Settings` header:
    /// SHA256 when the header holds `algorithm=HMAC_SHA256`, else (also when the header is missing) SHA1.
    static func algorithm(settingsHeader: String?) -> Algorithm {
        guard let settingsHeader else { return .sha1 }
        for part in settingsHeader.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pair[1].trimmingCharacters(in: .whitespaces).uppercased()
            if key == "algorithm" && value == Algorithm.sha256.rawValue { return .sha256 }
        }
        return .sha1
    }

    /// The string Twilio signs: the URL, then each parameter as name + value, sorted by name in byte
    /// order and, for a repeated name, by value.
    static func stringToSign(url: String, params: [(String, String)]) -> String {
        let sorted = params.sorted { lhs, rhs in
            if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
            return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
        }
        var text = url
        for (name, value) in sorted {
            text += name
            text += value
        }
        return text
    }

    /// The base64 signature Twilio would send for this URL and these POST parameters.
    static func expected(url: String, params: [(String, String)], authToken: String, algorithm: Algorithm) -> String {
        let message = Array(stringToSign(url: url, params: params).utf8)
        let key = SymmetricKey(data: Array(authToken.utf8))
        switch algorithm {
        case .sha1:
            return Data(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key)).base64EncodedString()
        case .sha256:
            return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
        }
    }

    /// Whether `signature` signs a form-encoded request to `url` with `params` (the decoded body).
    ///
    /// Like the Twilio SDKs, the URL is accepted both with and without an explicit default port
    /// (`:443` for https, `:80` for http). A missing signature or an empty secret is invalid.
    static func isValid(
        signature: String?, url: String, params: [(String, String)], secret: String, algorithm: Algorithm
    ) -> Bool {
        guard let signature, !secret.isEmpty else { return false }
        // The URL as given first: that is what Twilio signs when the webhook is configured as we
        // see it, and the other variant costs a second HMAC. Which variant matched is no secret;
        // each comparison itself stays constant-time.
        func matches(_ candidate: String) -> Bool {
            WebhookSignature.constantTimeEquals(
                expected(url: candidate, params: params, authToken: secret, algorithm: algorithm), signature)
        }
        return matches(url) || TwilioURL.portVariants(of: url).dropFirst().contains(where: matches)
    }

    /// Whether `signature` signs a JSON request: the URL must carry `bodySHA256=<hex sha256 of rawBody>`,
    /// the hash must match, and the signature covers the URL only.
    static func isValidJSON(
        signature: String?, url: String, rawBody: some DataProtocol, secret: String, algorithm: Algorithm
    ) -> Bool {
        guard let claimed = TwilioURL.bodySHA256(in: url) else { return false }
        let actual = WebhookSignature.hex(SHA256.hash(data: rawBody))
        let hashMatches = WebhookSignature.constantTimeEquals(actual, claimed)
        let signatureMatches = isValid(signature: signature, url: url, params: [], secret: secret, algorithm: algorithm)
        return hashMatches && signatureMatches
    }
}
