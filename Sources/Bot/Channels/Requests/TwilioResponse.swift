import Foundation

/// What a Twilio Messages API answer means for the outbox.
enum TwilioResponse: Sendable, Equatable {
    /// Accepted (2xx). `sid` is nil when the body had none; the message is still not to be resent.
    case sent(sid: String?)
    /// 400 with error 21610: the recipient texted STOP. Do not retry; mark the person opted out.
    case optedOut
    /// Any other 4xx: retrying will not help.
    case permanent(code: Int?, message: String)
    /// 5xx, 429 or an unexpected status: try again later.
    case retryable

    static let optedOutCode = 21610

    /// Classifies a response by status and JSON body (`{"sid": …}` or `{"code": …, "message": …}`).
    static func parse(status: Int, body: Data) -> TwilioResponse {
        let json = try? JSONDecoder().decode(Wire.self, from: body)
        switch status {
        case 200..<300:
            return .sent(sid: json?.sid)
        case 400 where json?.code == optedOutCode:
            return .optedOut
        case 429:
            return .retryable
        case 400..<500:
            return .permanent(code: json?.code, message: json?.message ?? "HTTP \(status)")
        default:
            return .retryable
        }
    }

    /// Each field read on its own, so one of the wrong type does not hide the others.
    private struct Wire: Decodable {
        var sid: String?
        var code: Int?
        var message: String?

        enum CodingKeys: String, CodingKey { case sid, code, message }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sid = try? container.decode(String.self, forKey: .sid)
            code = try? container.decode(Int.self, forKey: .code)
            message = try? container.decode(String.self, forKey: .message)
        }
    }
}
