import Dialog
import Foundation
import Hummingbird

/// `POST /webhooks/telegram`: one Update per request, private chats only.
struct TelegramRoutes {
    let context: WebhookContext
    let telegram: ServeConfig.Telegram

    func register(on router: Router<AppRequestContext>) {
        router.post("webhooks/telegram") { request, _ in try await inbound(request) }
    }

    func inbound(_ request: Request) async throws -> Response {
        guard TelegramSecret.isValid(header: request.headers[.init("X-Telegram-Bot-Api-Secret-Token")!], expected: telegram.secretToken)
        else { throw HTTPError(.forbidden, message: "missing or wrong secret token") }
        let body = try await context.body(of: request)
        let update: TelegramUpdate
        switch TelegramInbound.parse(json: body) {
        case .success(let parsed): update = parsed
        case .failure(let error): throw HTTPError(.badRequest, message: error.description)
        }
        guard case .message(let message) = update else { return Response(status: .ok) }
        guard message.isPrivate else {
            // In a group we answer once, politely, in the webhook reply itself, and store nothing.
            let refusal = context.service.library.catalog.text("system.private_only", .nl)
            let json = try JSONSerialization.data(withJSONObject: ["method": "sendMessage", "chat_id": message.chatID, "text": refusal])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        let address = String(message.chatID)
        // Telegram may restart update ids; the chat and message id name a message for good.
        try await context.checkRate("telegram", address)
        let inbound = InboundMessage(
            channel: "telegram", address: address, phone: nil, providerID: "\(message.chatID):\(message.messageID)",
            text: message.text ?? "", receivedAt: context.clock.now())
        _ = try await context.apply(inbound, inline: false)
        return Response(status: .ok)
    }
}
