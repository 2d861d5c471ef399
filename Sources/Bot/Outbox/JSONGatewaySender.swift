import Foundation

/// Later messages (reminders, follow-ups, invitations) to a JSON-gateway person, posted to the
/// adapter's `send_url`. The adapter cannot be asked what it sent, so a message whose result was
/// never recorded goes again with the same id, which the adapter drops when it has seen it.
struct JSONGatewaySender: MessageSender {
    let sendURL: String
    let secret: String
    let transport: HTTPTransport
    var channel: String { "json" }

    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult {
        let request = JSONGatewayRequest.send(
            url: sendURL, id: context.idempotencyKey, to: message.address, text: message.text, secret: secret)
        return await attempt(request, transport) { status, body in
            switch status {
            case 200..<300: .sent(providerID: JSONGatewayRequest.providerID(in: body))
            case 408, 429, 500...: .retry("json gateway HTTP \(status)")
            default: .permanent("json gateway HTTP \(status): \(String(decoding: body.prefix(200), as: UTF8.self))")
            }
        }
    }
}
