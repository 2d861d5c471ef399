import Foundation

/// Twilio's Messages API for SMS.
struct TwilioSender: MessageSender {
    let config: ServeConfig.Twilio
    let transport: HTTPTransport
    var channel: String { "sms" }

    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult {
        let request = TwilioRequest.sendMessage(
            accountSid: config.accountSid, authToken: config.authToken, from: config.from,
            messagingServiceSid: config.messagingServiceSid, to: message.address,
            body: message.text, statusCallback: nil, apiBase: config.apiBase)
        return await attempt(request, transport) { status, body in
            switch TwilioResponse.parse(status: status, body: body) {
            case .sent(let sid): .sent(providerID: sid)
            case .optedOut: .optedOut
            case .permanent(let code, let text): .permanent(providerError("twilio", code, text))
            case .retryable: .retry("twilio HTTP \(status)")
            }
        }
    }

    func accepted(_ message: OutgoingMessage, since: Date) async -> [String]? {
        let request = TwilioRequest.listMessages(
            accountSid: config.accountSid, authToken: config.authToken,
            to: message.address, apiBase: config.apiBase)
        guard let reply = try? await transport.execute(request), (200..<300).contains(reply.status),
            let list = TwilioMessageList.parse(reply.body)
        else { return nil }
        return list.sent(to: message.address, text: message.text, since: since)
    }
}
