import Foundation

/// A message from our own generic SMS gateway: `{"id": "…", "from": "+316…", "text": "…"}`.
///
/// All three fields are required strings; `id` and `from` must be non-empty (at most 256 bytes) and
/// `text` at most 4096 characters. Other fields are ignored. The body is signed with ``GenericSignature``.
struct GenericInbound: Sendable, Equatable, Decodable {
    /// The gateway's message id, to dedupe on.
    var id: String
    /// The sender's phone number.
    var from: String
    var text: String

    /// Parses a JSON body. Never traps.
    static func parse(json: Data) -> Result<GenericInbound, PayloadError> {
        switch JSONPayload.decode(GenericInbound.self, from: json, maxBytes: PayloadLimits.maxSmallBody) {
        case .failure(let error):
            return .failure(error)
        case .success(let message):
            if let error = PayloadLimits.checkID(message.id, field: "id")
                ?? PayloadLimits.checkID(message.from, field: "from")
                ?? PayloadLimits.checkText(message.text, field: "text")
            {
                return .failure(error)
            }
            return .success(message)
        }
    }
}
