import Dialog
import Foundation
import Hummingbird

/// `POST /webhooks/json`: a small gateway format `{id, from, text}`, signed with HMAC-SHA256 of the
/// raw body in `X-Signature`. The replies come back in the response: `{"replies": ["..."]}`.
struct GenericRoutes {
    let context: WebhookContext
    let gateway: ServeConfig.JSONGateway

    func register(on router: Router<AppRequestContext>) {
        router.post("webhooks/json") { request, _ in try await inbound(request) }
    }

    func inbound(_ request: Request) async throws -> Response {
        let body = try await context.body(of: request)
        guard GenericSignature.isValid(header: request.headers[.init("X-Signature")!], rawBody: body, secret: gateway.secret)
        else { throw HTTPError(.forbidden, message: "missing or wrong X-Signature") }
        let inbound: GenericInbound
        switch GenericInbound.parse(json: body) {
        case .success(let parsed): inbound = parsed
        case .failure(let error): throw HTTPError(.badRequest, message: error.description)
        }
        let phone: String? = if case .valid(let e164) = PhoneParser.normalize(inbound.from, allowInternational: true) { e164 } else { nil }
        guard let phone else { throw HTTPError(.badRequest, message: "'from' is not a phone number") }
        try await context.checkRate("json", phone)
        let message = InboundMessage(
            channel: "json", address: phone, phone: phone, providerID: inbound.id, text: inbound.text,
            receivedAt: context.clock.now())
        let result = try await context.apply(message, inline: true)
        let json = try JSONSerialization.data(withJSONObject: ["replies": result.replies.map(\.text)], options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}
