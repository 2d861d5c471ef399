import Foundation

/// A message from a person, as any channel hands it over.
package struct InboundMessage: Sendable {
    /// `stdin`, `sms`, `whatsapp`, `telegram`, `json`, `web`.
    var channel: String
    /// Who sent it on that channel: a phone number, a chat id, a local name. Unused when `personID`
    /// is set.
    var address: String
    /// The sender's phone in E.164, when the channel knows it.
    var phone: String?
    /// The provider's id for the message; a second delivery with the same id changes nothing.
    var providerID: String?
    var text: String
    var receivedAt: Date
    /// The person it comes from when the channel knows them already (the web chat, from its
    /// session): no contact is looked up or made, so the channel does not become where the person
    /// is written to.
    var personID: Int64?
    /// How it was given beside the channel: nil for the person on their own, `samen` for an answer
    /// a professional entered with the inwoner beside them.
    var via: String?
    /// The professional who entered it (with `via`).
    var professionalID: Int64?

    package init(
        channel: String, address: String, phone: String?, providerID: String?, text: String, receivedAt: Date,
        personID: Int64? = nil, via: String? = nil, professionalID: Int64? = nil
    ) {
        self.channel = channel
        self.address = address
        self.phone = phone
        self.providerID = providerID
        self.text = text
        self.receivedAt = receivedAt
        self.personID = personID
        self.via = via
        self.professionalID = professionalID
    }
}
