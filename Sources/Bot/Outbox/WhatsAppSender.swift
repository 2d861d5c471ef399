import Foundation

/// WhatsApp Cloud API: free text inside the 24-hour window, the approved template outside it.
struct WhatsAppSender: MessageSender {
    let config: ServeConfig.WhatsApp
    let transport: HTTPTransport
    var channel: String { "whatsapp" }

    func send(_ message: OutgoingMessage, context: SendContext) async -> SendResult {
        let to = message.address.hasPrefix("+") ? String(message.address.dropFirst()) : message.address
        let inWindow = context.lastInboundAt.map { context.now.timeIntervalSince($0) < 24 * 3600 } ?? false
        let request =
            inWindow
            ? WhatsAppRequest.text(
                phoneNumberID: config.phoneNumberID, token: config.accessToken, to: to, body: message.text,
                apiVersion: config.apiVersion, apiBase: config.apiBase)
            : WhatsAppRequest.template(
                phoneNumberID: config.phoneNumberID, token: config.accessToken, to: to, name: config.template,
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
