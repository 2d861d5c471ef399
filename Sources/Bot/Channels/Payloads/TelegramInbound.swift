import Foundation

/// Parser of Telegram webhook POST bodies (one JSON `Update` each).
enum TelegramInbound {
    /// The update in `json`. Never traps.
    ///
    /// Required: `update_id`; for a `message`: `message_id`, `date`, `chat.id`, `chat.type`. A text longer
    /// than 4096 characters is refused. Updates without `message` become ``TelegramUpdate/ignored(updateID:)``.
    static func parse(json: Data) -> Result<TelegramUpdate, PayloadError> {
        let update: Wire.Update
        switch JSONPayload.decode(Wire.Update.self, from: json, maxBytes: PayloadLimits.maxTelegramBody) {
        case .success(let value): update = value
        case .failure(let error): return .failure(error)
        }
        guard let message = update.message else { return .success(.ignored(updateID: update.updateID)) }
        if let text = message.text, let error = PayloadLimits.checkText(text, field: "message.text") {
            return .failure(error)
        }
        if let error = PayloadLimits.checkID(message.chat.type, field: "message.chat.type")
            ?? PayloadLimits.checkOptionalID(message.from?.firstName, field: "message.from.first_name")
            ?? PayloadLimits.checkOptionalID(message.from?.username, field: "message.from.username")
            ?? PayloadLimits.checkOptionalID(message.from?.languageCode, field: "message.from.language_code")
        {
            return .failure(error)
        }
        return .success(
            .message(
                TelegramMessage(
                    updateID: update.updateID, messageID: message.messageID, date: message.date,
                    chatID: message.chat.id, chatType: message.chat.type, fromID: message.from?.id,
                    fromIsBot: message.from?.isBot ?? false, firstName: message.from?.firstName,
                    username: message.from?.username, languageCode: message.from?.languageCode,
                    text: message.text)))
    }

    private enum Wire {
        struct Update: Decodable {
            var updateID: Int64
            var message: Message?

            enum CodingKeys: String, CodingKey {
                case updateID = "update_id"
                case message
            }
        }

        struct Message: Decodable {
            var messageID: Int64
            var date: Int64
            var chat: Chat
            var from: User?
            var text: String?

            enum CodingKeys: String, CodingKey {
                case messageID = "message_id"
                case date, chat, from, text
            }
        }

        struct Chat: Decodable {
            var id: Int64
            var type: String
        }

        struct User: Decodable {
            var id: Int64
            var isBot: Bool?
            var firstName: String?
            var username: String?
            var languageCode: String?

            enum CodingKeys: String, CodingKey {
                case id, username
                case isBot = "is_bot"
                case firstName = "first_name"
                case languageCode = "language_code"
            }
        }
    }
}
