import Foundation

/// A message from a person, as any channel hands it over.
package struct InboundMessage: Sendable {
    /// `stdin`, `sms`, `whatsapp`, `telegram`, `json`.
    var channel: String
    /// Who sent it on that channel: a phone number, a chat id, a local name.
    var address: String
    /// The sender's phone in E.164, when the channel knows it.
    var phone: String?
    /// The provider's id for the message; a second delivery with the same id changes nothing.
    var providerID: String?
    var text: String
    var receivedAt: Date

    package init(channel: String, address: String, phone: String?, providerID: String?, text: String, receivedAt: Date) {
        self.channel = channel
        self.address = address
        self.phone = phone
        self.providerID = providerID
        self.text = text
        self.receivedAt = receivedAt
    }
}
