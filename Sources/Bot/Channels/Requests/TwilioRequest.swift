import Foundation

/// Requests to Twilio's Messages API.
enum TwilioRequest {
    /// `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded as the Twilio SDK does it.
    ///
    /// Fields in the order `To`, `StatusCallback`, `From`, `MessagingServiceSid`, `Body`; nil ones are left out.
    /// Give `from` or `messagingServiceSid` (Twilio answers 400 when both are missing). HTTP Basic auth with
    /// `accountSid:authToken` (an API key SID and secret work the same way).
    static func sendMessage(
        accountSid: String, authToken: String, from: String?, messagingServiceSid: String?, to: String, body: String,
        statusCallback: String?, apiBase: String = "https://api.twilio.com"
    ) -> OutboundRequest {
        var fields: [(String, String)] = [("To", to)]
        if let statusCallback { fields.append(("StatusCallback", statusCallback)) }
        if let from { fields.append(("From", from)) }
        if let messagingServiceSid { fields.append(("MessagingServiceSid", messagingServiceSid)) }
        fields.append(("Body", body))
        return OutboundRequest(
            method: "POST",
            url: messagesURL(accountSid: accountSid, apiBase: apiBase),
            headers: [
                ("Authorization", basicAuthorization(user: accountSid, password: authToken)),
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json")
            ],
            body: Data(FormURLEncoded.encode(fields).utf8))
    }

    /// The most recent messages to `to`, newest first (the Messages list, one page).
    static func listMessages(
        accountSid: String, authToken: String, to: String, pageSize: Int = 50,
        apiBase: String = "https://api.twilio.com"
    ) -> OutboundRequest {
        let query = FormURLEncoded.encode([("To", to), ("PageSize", String(pageSize))])
        return OutboundRequest(
            method: "GET",
            url: messagesURL(accountSid: accountSid, apiBase: apiBase) + "?" + query,
            headers: [("Authorization", basicAuthorization(user: accountSid, password: authToken)), ("Accept", "application/json")],
            body: Data())
    }

    /// The account's Messages resource: sending is a POST to it, the list a GET.
    static func messagesURL(accountSid: String, apiBase: String) -> String {
        "\(apiBase)/2010-04-01/Accounts/\(FormURLEncoded.escape(accountSid))/Messages.json"
    }

    /// `Basic base64(user:password)`.
    static func basicAuthorization(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
