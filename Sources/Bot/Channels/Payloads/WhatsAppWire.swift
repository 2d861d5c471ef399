import Foundation

/// The parts of a WhatsApp Cloud API webhook body the parser reads. Unknown fields are ignored;
/// known fields of the wrong type are errors.
enum WhatsAppWire {
    struct Envelope: Decodable {
        var object: String?
        var entry: [Entry]
    }

    struct Entry: Decodable {
        var changes: [Change]?
    }

    /// A change; its `value` is only read for the `messages` field (other fields have other shapes).
    struct Change: Decodable {
        var field: String?
        var value: Value?

        enum CodingKeys: String, CodingKey { case field, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            field = try container.decodeIfPresent(String.self, forKey: .field)
            value = field == nil || field == "messages" ? try container.decodeIfPresent(Value.self, forKey: .value) : nil
        }
    }

    struct Value: Decodable {
        var contacts: [Contact]?
        var messages: [Message]?
        var statuses: [Status]?
    }

    struct Contact: Decodable {
        var waID: String?
        var userID: String?
        var profile: Profile?

        enum CodingKeys: String, CodingKey {
            case waID = "wa_id"
            case userID = "user_id"
            case profile
        }
    }

    struct Profile: Decodable {
        var name: String?
    }

    struct Message: Decodable {
        var from: String?
        var fromUserID: String?
        var id: String
        var timestamp: LenientInt
        var type: String
        var text: Text?

        enum CodingKeys: String, CodingKey {
            case from, id, timestamp, type, text
            case fromUserID = "from_user_id"
        }
    }

    struct Text: Decodable {
        var body: String
    }

    struct Status: Decodable {
        var id: String
        var status: String
        var recipientID: String?
        var recipientUserID: String?
        var errors: [StatusError]?

        enum CodingKeys: String, CodingKey {
            case id, status, errors
            case recipientID = "recipient_id"
            case recipientUserID = "recipient_user_id"
        }
    }

    struct StatusError: Decodable {
        var code: Int?
    }
}
