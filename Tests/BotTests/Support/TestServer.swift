import Foundation
import Logging

@testable import Bot

/// A server configuration with every channel on and known test secrets.
enum TestServer {
    static let publicURL = "https://assistent.example.nl"
    static let twilioToken = "f3b1c0ffee0ddba11deadbeef0123456"
    static let appSecret = "6c2f4b5e9a0d1f3e8b7a6c5d4e3f2a1b"
    static let verifyToken = "meatyhamhock"
    static let telegramSecret = "gH7_kL9-zq2XwY4vB8nM"
    static let jsonSecret = "json-gateway-test-secret"

    static func config(replyMode: ServeConfig.Twilio.ReplyMode = .twiml, apiBase: String? = nil) -> ServeConfig {
        var config = ServeConfig()
        config.publicURL = publicURL
        var twilio = ServeConfig.Twilio(
            accountSid: "AC00000000000000000000000000000000", authToken: twilioToken,
            from: "+3197010250999", messagingServiceSid: nil)
        twilio.replyMode = replyMode
        var whatsapp = ServeConfig.WhatsApp(
            phoneNumberID: "106540352242922", accessToken: "wa-token", appSecret: appSecret,
            verifyToken: verifyToken)
        var telegram = ServeConfig.Telegram(botToken: "123:abc", secretToken: telegramSecret)
        if let apiBase {
            twilio.apiBase = apiBase
            whatsapp.apiBase = apiBase
            telegram.apiBase = apiBase
        }
        config.twilio = twilio
        config.whatsapp = whatsapp
        config.telegram = telegram
        config.json = ServeConfig.JSONGateway(secret: jsonSecret)
        // The lowest bcrypt cost keeps tests fast; production uses the default (12).
        config.web.bcryptCost = 4
        return config
    }

    /// A Twilio-style form body and its signature for our webhook URL.
    static func twilioForm(_ fields: [(String, String)], path: String = "/webhooks/twilio") -> (body: String, signature: String) {
        let body = fields.map { "\(formEscape($0.0))=\(formEscape($0.1))" }.joined(separator: "&")
        let signature = TwilioSignature.expected(url: publicURL + path, params: fields, authToken: twilioToken, algorithm: .sha1)
        return (body, signature)
    }

    static func formEscape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return s.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
    }

    static func sms(_ text: String, sid: String, from: String = "+31612345678") -> [(String, String)] {
        [
            ("MessageSid", sid), ("AccountSid", "AC00000000000000000000000000000000"), ("From", from),
            ("To", "+3197010250999"), ("Body", text), ("NumMedia", "0"), ("SmsStatus", "received"), ("ApiVersion", "2010-04-01")
        ]
    }
}
