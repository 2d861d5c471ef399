import Foundation

/// A Twilio Messaging webhook: an inbound message or a status callback, from its form body.
struct TwilioInbound: Sendable {
    /// `SM…`/`MM…`: the id to dedupe on.
    var messageSid: String
    /// E.164 (`+316…`), or `whatsapp:+316…` for WhatsApp through Twilio. Empty when a status callback lacks it.
    var from: String
    var to: String
    /// The text; empty for a status callback or a media-only message.
    var body: String
    /// `AccountSid`, to check the request is for our account.
    var accountSid: String?
    /// Every decoded parameter in body order, repeated names too: what the signature covers.
    var params: [(String, String)]
    /// `STOP`, `START` or `HELP` when Twilio's Advanced Opt-Out matched the message.
    var optOutType: String?
    /// Set on status callbacks: `queued`, `sent`, `delivered`, `undelivered`, `failed`, …
    var messageStatus: String?
    /// Twilio's error code on failed or undelivered status callbacks (e.g. 30008).
    var errorCode: Int?
    /// `NumMedia`, 0 when absent.
    var numMedia: Int

    /// Whether this is a status callback for a message we sent, not a message from a person.
    var isStatusCallback: Bool { messageStatus != nil }

    /// The first value of a parameter.
    func param(_ name: String) -> String? {
        params.first { $0.0 == name }?.1
    }

    /// Parses a form-encoded webhook body. Never traps; unknown parameters are kept in ``params``.
    ///
    /// Required: `MessageSid`, and for inbound messages (no `MessageStatus`) `From` and `To`.
    static func parse(formBody: Data) -> Result<TwilioInbound, PayloadError> {
        guard !formBody.isEmpty else { return .failure(.emptyBody) }
        guard formBody.count <= PayloadLimits.maxSmallBody else {
            return .failure(.tooLarge(limit: PayloadLimits.maxSmallBody))
        }
        guard let params = FormURLEncoded.decode(formBody) else { return .failure(.invalidForm) }
        return parse(params: params, bodySize: formBody.count)
    }

    /// The same, from the body's form already decoded (the signature check needs it first).
    static func parse(params: [(String, String)], bodySize: Int) -> Result<TwilioInbound, PayloadError> {
        guard bodySize > 0 else { return .failure(.emptyBody) }
        guard bodySize <= PayloadLimits.maxSmallBody else { return .failure(.tooLarge(limit: PayloadLimits.maxSmallBody)) }
        func first(_ name: String) -> String? { params.first { $0.0 == name }?.1 }

        guard let messageSid = first("MessageSid") else { return .failure(.missing("MessageSid")) }
        if let error = PayloadLimits.checkID(messageSid, field: "MessageSid") { return .failure(error) }

        let messageStatus = first("MessageStatus")
        let from = first("From")
        let to = first("To")
        if messageStatus == nil {
            guard let from else { return .failure(.missing("From")) }
            guard let to else { return .failure(.missing("To")) }
            if let error = PayloadLimits.checkID(from, field: "From") { return .failure(error) }
            if let error = PayloadLimits.checkID(to, field: "To") { return .failure(error) }
        }
        let body = first("Body") ?? ""
        if let error = PayloadLimits.checkText(body, field: "Body") { return .failure(error) }
        for (value, field) in [(from, "From"), (to, "To"), (messageStatus, "MessageStatus"), (first("OptOutType"), "OptOutType")] {
            if let error = PayloadLimits.checkOptionalID(value, field: field) { return .failure(error) }
        }
        let errorCode = first("ErrorCode").flatMap { Int($0) }
        let numMedia = first("NumMedia").flatMap { Int($0) } ?? 0

        return .success(
            TwilioInbound(
                messageSid: messageSid, from: from ?? "", to: to ?? "", body: body, accountSid: first("AccountSid"),
                params: params, optOutType: first("OptOutType").flatMap { $0.isEmpty ? nil : $0 },
                messageStatus: messageStatus, errorCode: errorCode, numMedia: numMedia))
    }
}
