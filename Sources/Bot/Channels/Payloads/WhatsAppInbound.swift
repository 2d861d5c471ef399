import Foundation

/// Parser of WhatsApp Cloud API webhook POST bodies.
enum WhatsAppInbound {
    /// The events of a webhook body, in order (per change: messages, then statuses). Never traps.
    ///
    /// A message needs an `id`, a `timestamp`, a `type` and a sender: `from` or a user id
    /// (`messages[].from_user_id`, else the matching or only `contacts[].user_id`). A text message needs
    /// `text.body` of at most 4096 characters. Changes of other fields than `messages` are skipped.
    static func parse(json: Data) -> Result<[WhatsAppEvent], PayloadError> {
        let envelope: WhatsAppWire.Envelope
        switch JSONPayload.decode(WhatsAppWire.Envelope.self, from: json, maxBytes: PayloadLimits.maxWhatsAppBody) {
        case .success(let value): envelope = value
        case .failure(let error): return .failure(error)
        }
        if let object = envelope.object, object != "whatsapp_business_account" {
            return .failure(PayloadError("field 'object' is not 'whatsapp_business_account'"))
        }
        var events: [WhatsAppEvent] = []
        for entry in envelope.entry {
            for change in entry.changes ?? [] {
                guard let value = change.value else { continue }
                let contacts = value.contacts ?? []
                for message in value.messages ?? [] {
                    switch event(for: message, contacts: contacts) {
                    case .success(let event): events.append(event)
                    case .failure(let error): return .failure(error)
                    }
                }
                for status in value.statuses ?? [] {
                    if let error = PayloadLimits.checkID(status.id, field: "statuses.id")
                        ?? PayloadLimits.checkID(status.status, field: "statuses.status")
                    {
                        return .failure(error)
                    }
                    let recipient = nonEmpty(status.recipientID) ?? nonEmpty(status.recipientUserID)
                    if let error = PayloadLimits.checkOptionalID(recipient, field: "statuses.recipient_id") {
                        return .failure(error)
                    }
                    events.append(
                        .status(
                            id: status.id, status: status.status, recipient: recipient,
                            errorCode: status.errors?.first?.code))
                }
            }
        }
        return .success(events)
    }

    private static func event(
        for message: WhatsAppWire.Message, contacts: [WhatsAppWire.Contact]
    ) -> Result<WhatsAppEvent, PayloadError> {
        let from = nonEmpty(message.from)
        let contact =
            contacts.first { contact in
                (from != nil && contact.waID == from)
                    || (message.fromUserID != nil && contact.userID == message.fromUserID)
            } ?? (contacts.count == 1 ? contacts[0] : nil)
        let userID = nonEmpty(message.fromUserID) ?? nonEmpty(contact?.userID)
        if let error = PayloadLimits.checkID(message.id, field: "messages.id")
            ?? PayloadLimits.checkID(message.type, field: "messages.type")
            ?? PayloadLimits.checkOptionalID(from, field: "messages.from")
            ?? PayloadLimits.checkOptionalID(userID, field: "messages.from_user_id")
        {
            return .failure(error)
        }
        guard from != nil || userID != nil else {
            return .failure(PayloadError("message '\(message.id)' has neither 'from' nor a user id"))
        }
        guard message.type == "text" else {
            return .success(.unsupported(id: message.id, from: from, userID: userID, type: message.type))
        }
        guard let text = message.text?.body else { return .failure(.missing("messages.text.body")) }
        if let error = PayloadLimits.checkText(text, field: "messages.text.body") { return .failure(error) }
        var name = contact?.profile?.name
        if let candidate = name, candidate.unicodeScalars.count > PayloadLimits.maxIDBytes { name = nil }
        return .success(
            .text(
                id: message.id, from: from, userID: userID, name: name, text: text,
                timestamp: message.timestamp.value))
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
