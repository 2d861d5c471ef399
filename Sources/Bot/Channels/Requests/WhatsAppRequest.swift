import Foundation

/// Requests to the WhatsApp Cloud API (`POST https://graph.facebook.com/{version}/{phone-number-id}/messages`).
enum WhatsAppRequest {
    static let defaultAPIVersion = "v26.0"
    static let defaultAPIBase = "https://graph.facebook.com"

    /// A free-form text: only allowed inside the 24-hour customer service window.
    /// - Parameter to: the phone number as digits without `+` (`31612345678`).
    static func text(
        phoneNumberID: String, token: String, to: String, body: String, apiVersion: String = defaultAPIVersion,
        apiBase: String = defaultAPIBase
    ) -> OutboundRequest {
        request(
            phoneNumberID: phoneNumberID, token: token, apiVersion: apiVersion, apiBase: apiBase,
            body: JSONBody.encode(
                Wire.TextMessage(to: to, text: .init(body: body, previewURL: false))))
    }

    /// An approved template with positional body parameters: the only thing allowed outside the window.
    static func template(
        phoneNumberID: String, token: String, to: String, name: String, languageCode: String, parameters: [String],
        apiVersion: String = defaultAPIVersion, apiBase: String = defaultAPIBase
    ) -> OutboundRequest {
        let components =
            parameters.isEmpty
            ? [] : [Wire.Component(type: "BODY", parameters: parameters.map { .init(type: "text", text: $0) })]
        let template = Wire.Template(name: name, language: .init(code: languageCode), components: components)
        return request(
            phoneNumberID: phoneNumberID, token: token, apiVersion: apiVersion, apiBase: apiBase,
            body: JSONBody.encode(Wire.TemplateMessage(to: to, template: template)))
    }

    private static func request(phoneNumberID: String, token: String, apiVersion: String, apiBase: String, body: Data) -> OutboundRequest {
        OutboundRequest(
            method: "POST",
            url: "\(apiBase)/\(apiVersion)/\(FormURLEncoded.escape(phoneNumberID))/messages",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: body)
    }

    private enum Wire {
        struct TextMessage: Encodable {
            var messagingProduct = "whatsapp"
            var recipientType = "individual"
            var type = "text"
            var to: String
            var text: Text

            init(to: String, text: Text) {
                self.to = to
                self.text = text
            }

            enum CodingKeys: String, CodingKey {
                case messagingProduct = "messaging_product"
                case recipientType = "recipient_type"
                case type, to, text
            }
        }

        struct Text: Encodable {
            var body: String
            var previewURL: Bool

            enum CodingKeys: String, CodingKey {
                case body
                case previewURL = "preview_url"
            }
        }

        struct TemplateMessage: Encodable {
            var messagingProduct = "whatsapp"
            var recipientType = "individual"
            var type = "template"
            var to: String
            var template: Template

            init(to: String, template: Template) {
                self.to = to
                self.template = template
            }

            enum CodingKeys: String, CodingKey {
                case messagingProduct = "messaging_product"
                case recipientType = "recipient_type"
                case type, to, template
            }
        }

        struct Template: Encodable {
            var name: String
            var language: Language
            var components: [Component]
        }

        struct Language: Encodable {
            var code: String
        }

        struct Component: Encodable {
            var type: String
            var parameters: [Parameter]
        }

        struct Parameter: Encodable {
            var type: String
            var text: String
        }
    }
}
