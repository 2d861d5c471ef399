import Foundation

/// The `GET` handshake Meta uses to verify a WhatsApp webhook URL.
///
/// Meta sends `hub.mode=subscribe&hub.challenge=<n>&hub.verify_token=<ours>`. When the mode is
/// `subscribe` and the token matches, answer 200 with the bare challenge; otherwise 403.
enum WhatsAppVerification {
    /// The challenge to echo, or nil when the request must get a 403.
    ///
    /// The challenge is only echoed when it is 1 to 256 characters of `A-Z a-z 0-9 _ -` (Meta sends a
    /// number), so the endpoint cannot be used to reflect arbitrary content.
    static func challenge(mode: String?, token: String?, challenge: String?, verifyToken: String) -> String? {
        guard mode == "subscribe", let token, !verifyToken.isEmpty,
            WebhookSignature.constantTimeEquals(token, verifyToken),
            let challenge, WebhookSignature.isSafeToken(challenge)
        else { return nil }
        return challenge
    }

    /// The same check on decoded query parameters (the first value of each `hub.*` name counts).
    static func challenge(query: [(String, String)], verifyToken: String) -> String? {
        func first(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        return challenge(
            mode: first("hub.mode"), token: first("hub.verify_token"), challenge: first("hub.challenge"),
            verifyToken: verifyToken)
    }
}
