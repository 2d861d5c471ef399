import Foundation

/// What a Telegram Bot API `sendMessage` answer means for the outbox.
enum TelegramResponse: Sendable, Equatable {
    /// Accepted (2xx with `ok: true`), with `result.message_id` when present.
    case sent(messageID: Int64?)
    /// 429 with `parameters.retry_after`: wait that many seconds, then try again.
    case retryAfter(seconds: Int)
    /// 403: the person blocked the bot (or left the chat). Do not retry.
    case blocked
    /// Any other client error (e.g. 400 "chat not found"): retrying will not help.
    case permanent(code: Int?, message: String)
    /// 5xx, 429 without `retry_after`, or an unexpected answer: try again later.
    case retryable

    /// Classifies a response by status and JSON body (`{"ok":…,"result":…}` or `{"ok":false,"error_code":…}`).
    static func parse(status: Int, body: Data) -> TelegramResponse {
        let json = try? JSONDecoder().decode(Wire.self, from: body)
        switch status {
        case 200..<300 where json?.ok != false:
            return .sent(messageID: json?.messageID)
        case 429:
            return json?.retryAfter.map { .retryAfter(seconds: max(0, $0)) } ?? .retryable
        case 403:
            return .blocked
        case 400..<500:
            return .permanent(code: json?.errorCode ?? status, message: json?.description ?? "HTTP \(status)")
        default:
            return .retryable
        }
    }

    /// Each field read on its own, so one of the wrong type does not hide the others.
    private struct Wire: Decodable {
        var ok: Bool?
        var messageID: Int64?
        var errorCode: Int?
        var description: String?
        var retryAfter: Int?

        enum CodingKeys: String, CodingKey {
            case ok, result, description, parameters
            case errorCode = "error_code"
        }

        enum NestedKeys: String, CodingKey {
            case messageID = "message_id"
            case retryAfter = "retry_after"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ok = try? container.decode(Bool.self, forKey: .ok)
            errorCode = try? container.decode(Int.self, forKey: .errorCode)
            description = try? container.decode(String.self, forKey: .description)
            let result = try? container.nestedContainer(keyedBy: NestedKeys.self, forKey: .result)
            messageID = try? result?.decode(Int64.self, forKey: .messageID)
            let parameters = try? container.nestedContainer(keyedBy: NestedKeys.self, forKey: .parameters)
            retryAfter = try? parameters?.decode(Int.self, forKey: .retryAfter)
        }
    }
}
