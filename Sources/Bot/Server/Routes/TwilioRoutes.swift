import Dialog
import Foundation
import Hummingbird

/// `POST /webhooks/twilio` (inbound SMS, and status callbacks) and `POST /webhooks/twilio/status`.
struct TwilioRoutes {
    let context: WebhookContext
    let twilio: ServeConfig.Twilio

    func register(on router: Router<AppRequestContext>) {
        router.post("webhooks/twilio") { request, _ in try await inbound(request) }
        router.post("webhooks/twilio/status") { request, _ in try await inbound(request) }
    }

    func inbound(_ request: Request) async throws -> Response {
        let body = try await context.body(of: request)
        guard let form = FormURLEncoded.decode(body) else { throw HTTPError(.badRequest, message: "the body is not a valid form") }
        let settings = request.headers[.init("X-Twilio-Webhooks-Signature-Settings")!]
        guard let signature = request.headers[.init("X-Twilio-Signature")!],
            TwilioSignature.isValid(
                signature: signature, url: context.publicURL(of: request), params: form,
                secret: twilio.authToken, algorithm: TwilioSignature.algorithm(settingsHeader: settings))
        else { throw HTTPError(.forbidden, message: "missing or wrong X-Twilio-Signature") }
        let inbound: TwilioInbound
        switch TwilioInbound.parse(params: form, bodySize: body.count) {
        case .success(let parsed): inbound = parsed
        case .failure(let error): throw HTTPError(.badRequest, message: error.description)
        }
        if inbound.isStatusCallback {
            try await DeliveryStatus.record(
                channel: "sms", providerID: inbound.messageSid, status: inbound.messageStatus ?? "",
                in: context.database)
            return TwiMLResponse.make(TwiML.empty)
        }
        try await context.checkRate("sms", inbound.from)
        let phone: String? = if case .valid(let e164) = PhoneParser.normalize(inbound.from, allowInternational: true) { e164 } else { nil }
        let message = InboundMessage(
            channel: "sms", address: inbound.from, phone: phone, providerID: inbound.messageSid,
            text: inbound.body, receivedAt: context.clock.now())
        let inline = twilio.replyMode == .twiml
        let result = try await context.apply(message, inline: inline)
        guard inline else { return TwiMLResponse.make(TwiML.empty) }
        // SMS replies are stored GSM-7 safe already (`MessageStore.queueOutbound`).
        let texts = result.replies.map(\.text)
        return TwiMLResponse.make(texts.isEmpty ? TwiML.empty : TwiML.messages(texts))
    }
}
