import Foundation

/// Twilio's Messages API for SMS.
struct TwilioSender: MessageSender {
    let config: ServeConfig.Twilio
    let transport: HTTPTransport
    var channel: String { "sms" }

    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult {
        let request = TwilioRequest.sendMessage(accountSid: config.accountSid, authToken: config.authToken, from: config.from,
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
        let request = TwilioRequest.listMessages(accountSid: config.accountSid, authToken: config.authToken,
                                                 to: message.address, apiBase: config.apiBase)
        guard let reply = try? await transport.execute(request), (200..<300).contains(reply.status),
              let list = TwilioMessageList.parse(reply.body) else { return nil }
        return list.sent(to: message.address, text: message.text, since: since)
    }
}

/// WhatsApp Cloud API: free text inside the 24-hour window, the approved template outside it.
struct WhatsAppSender: MessageSender {
    let config: ServeConfig.WhatsApp
    let transport: HTTPTransport
    var channel: String { "whatsapp" }

    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult {
        let to = message.address.hasPrefix("+") ? String(message.address.dropFirst()) : message.address
        let inWindow = context.lastInboundAt.map { context.now.timeIntervalSince($0) < 24 * 3600 } ?? false
        let request = inWindow
            ? WhatsAppRequest.text(phoneNumberID: config.phoneNumberID, token: config.accessToken, to: to, body: message.text,
                                   apiVersion: config.apiVersion, apiBase: config.apiBase)
            : WhatsAppRequest.template(phoneNumberID: config.phoneNumberID, token: config.accessToken, to: to, name: config.template,
                                       languageCode: config.templateLanguage, parameters: [message.text],
                                       apiVersion: config.apiVersion, apiBase: config.apiBase)
        return await attempt(request, transport) { status, body in
            switch WhatsAppResponse.parse(status: status, body: body) {
            case .sent(let id): .sent(providerID: id)
            case .needsTemplate: .permanent("whatsapp 131047: outside the 24-hour window")
            case .permanent(let code, let text): .permanent(providerError("whatsapp", code, text))
            case .retryable: .retry("whatsapp HTTP \(status)")
            }
        }
    }
}

/// Telegram Bot API `sendMessage` to the chat id.
struct TelegramSender: MessageSender {
    let config: ServeConfig.Telegram
    let transport: HTTPTransport
    var channel: String { "telegram" }

    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult {
        guard let chatID = Int64(message.address) else { return .permanent("telegram: chat id '\(message.address)' is not a number") }
        let request = TelegramRequest.sendMessage(token: config.botToken, chatID: chatID, text: message.text, apiBase: config.apiBase)
        return await attempt(request, transport) { status, body in
            switch TelegramResponse.parse(status: status, body: body) {
            case .sent(let id): .sent(providerID: id.map(String.init))
            case .retryAfter(let seconds): .retryAfter(seconds: Double(seconds), "telegram 429")
            case .blocked: .optedOut
            case .permanent(let code, let text): .permanent(providerError("telegram", code, text))
            case .retryable: .retry("telegram HTTP \(status)")
            }
        }
    }
}

/// One HTTP attempt; a transport error (timeout, refused connection) is worth a retry.
/// "twilio 21211: Invalid 'To' Phone Number", or without a number when the provider gave none
/// (kept as the outbox row's last error, which the professional sees).
func providerError(_ provider: String, _ code: Int?, _ text: String) -> String {
    code.map { "\(provider) \($0): \(text)" } ?? "\(provider): \(text)"
}

private func attempt(_ request: OutboundRequest, _ transport: HTTPTransport,
                     _ interpret: (Int, Data) -> SendResult) async -> SendResult {
    do {
        let reply = try await transport.execute(request)
        return interpret(reply.status, reply.body)
    } catch {
        return .retry("transport: \(error)")
    }
}
