import Foundation

/// Requests to the Telegram Bot API.
enum TelegramRequest {
    /// `POST https://api.telegram.org/bot<token>/sendMessage` with a JSON body.
    /// - Parameter replyTo: a message id to reply to (sent as `reply_parameters`).
    static func sendMessage(
        token: String, chatID: Int64, text: String, replyTo: Int64? = nil,
        apiBase: String = "https://api.telegram.org"
    ) -> OutboundRequest {
        OutboundRequest(
            method: "POST",
            url: "\(apiBase)/bot\(token)/sendMessage",
            headers: [("Content-Type", "application/json")],
            body: JSONBody.encode(
                SendMessage(
                    chatID: chatID, text: text, replyParameters: replyTo.map { ReplyParameters(messageID: $0) })))
    }

    /// The body of a webhook answer that makes Telegram send a message itself (`{"method":"sendMessage",…}`).
    /// Serve it with `Content-Type: application/json`. No message id comes back; use ``sendMessage(token:chatID:text:replyTo:)``
    /// when the id matters.
    static func webhookReply(chatID: Int64, text: String) -> Data {
        JSONBody.encode(WebhookReply(chatID: chatID, text: text))
    }

    private struct SendMessage: Encodable {
        var chatID: Int64
        var text: String
        var replyParameters: ReplyParameters?

        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case text
            case replyParameters = "reply_parameters"
        }
    }

    private struct ReplyParameters: Encodable {
        var messageID: Int64

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
        }
    }

    private struct WebhookReply: Encodable {
        var method = "sendMessage"
        var chatID: Int64
        var text: String

        init(chatID: Int64, text: String) {
            self.chatID = chatID
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case method, text
            case chatID = "chat_id"
        }
    }
}
