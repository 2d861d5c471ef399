import Foundation

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
