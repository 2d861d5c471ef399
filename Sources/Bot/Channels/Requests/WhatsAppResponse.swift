import Foundation

/// What a WhatsApp Cloud API send answer means for the outbox.
enum WhatsAppResponse: Sendable, Equatable {
    /// Accepted (2xx), with `messages[0].id` (the wamid) when present. Delivery still comes later as a
    /// status webhook, which can itself fail with 131047.
    case sent(id: String?)
    /// Error 131047: more than 24 hours since the person's last message; send a template instead.
    case needsTemplate
    /// Any other client error: retrying will not help.
    case permanent(code: Int?, message: String)
    /// 5xx, 429, Meta's rate-limit errors (130429, 131056) or an unexpected status: try again later.
    case retryable

    /// "Re-engagement message": outside the customer service window.
    static let reEngagementCode = 131047
    /// Throughput limit and per-recipient pair rate limit: transient.
    static let rateLimitCodes: Set<Int> = [130429, 131056]

    /// Classifies a response by status and JSON body (`{"messages":[{"id":…}]}` or `{"error":{"code":…}}`).
    static func parse(status: Int, body: Data) -> WhatsAppResponse {
        let json = try? JSONDecoder().decode(Wire.self, from: body)
        let code = json?.error?.code
        switch status {
        case 200..<300:
            return .sent(id: json?.messageID)
        case _ where code == reEngagementCode:
            return .needsTemplate
        case 429:
            return .retryable
        case 400..<500 where code.map(rateLimitCodes.contains) == true:
            return .retryable
        case 400..<500:
            return .permanent(code: code, message: json?.error?.message ?? "HTTP \(status)")
        default:
            return .retryable
        }
    }

    /// Each field read on its own, so one of the wrong type does not hide the others.
    private struct Wire: Decodable {
        var messageID: String?
        var error: ErrorBody?

        struct Message: Decodable { var id: String? }

        struct ErrorBody: Decodable {
            var code: Int?
            var message: String?

            enum CodingKeys: String, CodingKey { case code, message }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                code = try? container.decode(Int.self, forKey: .code)
                message = try? container.decode(String.self, forKey: .message)
            }
        }

        enum CodingKeys: String, CodingKey { case messages, error }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            messageID = (try? container.decode([Message].self, forKey: .messages))?.first?.id
            error = try? container.decode(ErrorBody.self, forKey: .error)
        }
    }
}
