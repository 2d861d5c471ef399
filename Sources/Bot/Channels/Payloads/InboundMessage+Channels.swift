import Foundation

// Turning parsed webhook payloads into the channel-neutral `InboundMessage`.
// `receivedAt` is passed in: these functions never read the clock.

extension TwilioInbound {
    /// The message for the conversation, or nil for a status callback.
    /// Channel `sms`; the address is `From` as sent (`+316…`, or `whatsapp:+316…` through Twilio).
    func inboundMessage(receivedAt: Date) -> InboundMessage? {
        guard !isStatusCallback else { return nil }
        return InboundMessage(
            channel: "sms", address: from, phone: from.hasPrefix("+") ? from : nil, providerID: messageSid,
            text: body, receivedAt: receivedAt)
    }
}

extension WhatsAppEvent {
    /// The message for the conversation, or nil for statuses and non-text messages.
    /// The address is the phone digits, else the BSUID; the phone gets its `+`.
    func inboundMessage(receivedAt: Date) -> InboundMessage? {
        guard case .text(let id, let from, let userID, _, let text, _) = self, let address = from ?? userID else {
            return nil
        }
        return InboundMessage(
            channel: "whatsapp", address: address, phone: from.map { "+" + $0 }, providerID: id, text: text,
            receivedAt: receivedAt)
    }
}

extension TelegramMessage {
    /// The message for the conversation, or nil when it has no text. Group chats are included: check
    /// ``isPrivate`` first. The address is the chat id; the provider id is `<chat id>:<message id>`,
    /// which stays unique even after Telegram restarts `update_id` at a random value.
    func inboundMessage(receivedAt: Date) -> InboundMessage? {
        guard let text else { return nil }
        return InboundMessage(
            channel: "telegram", address: String(chatID), phone: nil, providerID: "\(chatID):\(messageID)",
            text: text, receivedAt: receivedAt)
    }
}

extension GenericInbound {
    /// The message for the conversation, on channel `sms`.
    func inboundMessage(receivedAt: Date) -> InboundMessage {
        InboundMessage(
            channel: "sms", address: from, phone: from.hasPrefix("+") ? from : nil, providerID: id, text: text,
            receivedAt: receivedAt)
    }
}
