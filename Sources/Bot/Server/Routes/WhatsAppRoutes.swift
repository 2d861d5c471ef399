import Dialog
import Foundation
import Hummingbird

/// `GET /webhooks/whatsapp` (Meta's verification handshake) and `POST /webhooks/whatsapp`.
struct WhatsAppRoutes {
    let context: WebhookContext
    let whatsapp: ServeConfig.WhatsApp

    func register(on router: Router<AppRequestContext>) {
        router.get("webhooks/whatsapp") { request, _ in try verify(request) }
        router.post("webhooks/whatsapp") { request, _ in try await inbound(request) }
    }

    func verify(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        guard query["hub.mode"].map(String.init) == "subscribe",
            let token = query["hub.verify_token"].map(String.init),
            WebhookSignature.constantTimeEquals(Array(token.utf8), Array(whatsapp.verifyToken.utf8)),
            let challenge = query["hub.challenge"].map(String.init)
        else { throw HTTPError(.forbidden, message: "verification failed") }
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: challenge)))
    }

    func inbound(_ request: Request) async throws -> Response {
        let body = try await context.body(of: request)
        guard
            WhatsAppSignature.isValid(
                header: request.headers[.init("X-Hub-Signature-256")!], rawBody: body,
                appSecret: whatsapp.appSecret)
        else { throw HTTPError(.forbidden, message: "missing or wrong X-Hub-Signature-256") }
        let events: [WhatsAppEvent]
        switch WhatsAppInbound.parse(json: body) {
        case .success(let parsed): events = parsed
        case .failure(let error): throw HTTPError(.badRequest, message: error.description)
        }
        for event in events {
            switch event {
            case .text(let id, let from, let userID, _, let text, _):
                try await handle(id: id, from: from, userID: userID, text: text)
            case .unsupported(let id, let from, let userID, _):
                // A photo or voice note: the current question's re-prompt tells how to answer.
                try await handle(id: id, from: from, userID: userID, text: "")
            case .status(let id, let status, _, _):
                try await DeliveryStatus.record(channel: "whatsapp", providerID: id, status: status, in: context.database)
            }
        }
        return Response(status: .ok)
    }

    private func handle(id: String, from: String?, userID: String?, text: String) async throws {
        // A user with a WhatsApp username may come without a phone number: the business-scoped id is the address.
        guard let address = from ?? userID else { throw HTTPError(.badRequest, message: "a message without 'from' or user id") }
        try await context.checkRate("whatsapp", address)
        let phone: String? = from.flatMap {
            if case .valid(let e164) = PhoneParser.normalize("+" + $0, allowInternational: true) { e164 } else { nil }
        }
        let message = InboundMessage(
            channel: "whatsapp", address: address, phone: phone, providerID: id, text: text,
            receivedAt: context.clock.now())
        _ = try await context.apply(message, inline: false)
    }
}
