import Foundation

/// The JSON gateway's outbound request: what the adapter in front of an SMS provider gets to send.
/// Signed like the webhook it posts to us (`X-Signature`, hex HMAC-SHA256 of the body with the
/// same shared secret), so the adapter can tell it comes from Wegwijzer.
enum JSONGatewayRequest {
    /// `POST <send_url>` with `{"id": …, "to": …, "text": …}`. `id` stays the same for every
    /// attempt at one message: an adapter that has seen it drops the repeat, so a message sent
    /// again after a crash reaches the person once.
    static func send(url: String, id: String, to: String, text: String, secret: String) -> OutboundRequest {
        let body = JSONBody.encode(Message(id: id, to: to, text: text))
        return OutboundRequest(
            method: "POST", url: url,
            headers: [
                ("Content-Type", "application/json"),
                (GenericSignature.headerName, GenericSignature.sign(body: body, secret: secret))
            ],
            body: body)
    }

    /// The provider's message id from the adapter's answer (`{"id": "…"}`), when it gives one.
    static func providerID(in body: Data) -> String? {
        (try? JSONDecoder().decode(Answer.self, from: body))?.id
    }

    private struct Message: Encodable {
        var id: String
        var to: String
        var text: String
    }

    private struct Answer: Decodable {
        var id: String?
    }
}
