import Foundation

/// One thing a WhatsApp Cloud API webhook reports.
enum WhatsAppEvent: Sendable, Equatable {
    /// A text message from a person.
    /// - `id`: the wamid to dedupe on.
    /// - `from`: the phone number (digits, no `+`); nil for users with a username who hide their number.
    /// - `userID`: the business-scoped user id (BSUID, `CC.<alnum>`), when Meta sends one.
    /// - `name`: the WhatsApp profile name.
    /// - `timestamp`: unix seconds.
    case text(id: String, from: String?, userID: String?, name: String?, text: String, timestamp: Int)
    /// A message of another type (image, audio, button, interactive, location, …).
    case unsupported(id: String, from: String?, userID: String?, type: String)
    /// A delivery status of a message we sent: `sent`, `delivered`, `read` or `failed`.
    /// `errorCode` is the first `errors[].code` (131047: outside the 24-hour window, send a template).
    case status(id: String, status: String, recipient: String?, errorCode: Int?)

    /// The wamid the event is about.
    var id: String {
        switch self {
        case .text(let id, _, _, _, _, _), .unsupported(let id, _, _, _), .status(let id, _, _, _): id
        }
    }
}
