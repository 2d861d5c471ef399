import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct WhatsAppRequestTests {
        /// The phone number id and version come from the vector's URL.
        private let phoneNumberID = "106540352242922"

        @Test func sendTextMatchesTheVector() throws {
            let vector = try ChannelVectors.vector("wa-send-text")
            let request = WhatsAppRequest.text(
                phoneNumberID: phoneNumberID, token: "<access-token>", to: "31612345678",
                body: "Herinnering: morgen om 09:00 je afspraak bij het Stadskantoor.", apiVersion: "v26.0")
            #expect(request.method == (try ChannelVectors.string(vector, "method")))
            #expect(request.url == (try ChannelVectors.string(vector, "url")))
            let headers = try #require(vector["headers"] as? [String: String])
            #expect(request.header("Authorization") == headers["Authorization"])
            #expect(request.header("Content-Type") == headers["Content-Type"])
            #expect(try ChannelVectors.canonical(request.body) == (try ChannelVectors.canonical(object: try #require(vector["json_body"]))))
        }

        @Test func sendTextToSomeoneElseDiffers() throws {
            let vector = try ChannelVectors.vector("wa-send-text")
            let request = WhatsAppRequest.text(
                phoneNumberID: phoneNumberID, token: "<access-token>", to: "31612345679",
                body: "Herinnering: morgen om 09:00 je afspraak bij het Stadskantoor.", apiVersion: "v26.0")
            #expect(try ChannelVectors.canonical(request.body) != (try ChannelVectors.canonical(object: try #require(vector["json_body"]))))
        }

        @Test func sendTemplateMatchesTheVector() throws {
            let vector = try ChannelVectors.vector("wa-send-template")
            let request = WhatsAppRequest.template(
                phoneNumberID: phoneNumberID, token: "<access-token>", to: "31612345678", name: "afspraak_herinnering",
                languageCode: "nl", parameters: ["morgen", "09:00"], apiVersion: "v26.0")
            #expect(request.url == (try ChannelVectors.string(vector, "url")))
            #expect(request.header("Authorization") == "Bearer <access-token>")
            #expect(try ChannelVectors.canonical(request.body) == (try ChannelVectors.canonical(object: try #require(vector["json_body"]))))
        }

        @Test func templateParametersKeepTheirOrder() throws {
            let vector = try ChannelVectors.vector("wa-send-template")
            let swapped = WhatsAppRequest.template(
                phoneNumberID: phoneNumberID, token: "<access-token>", to: "31612345678", name: "afspraak_herinnering",
                languageCode: "nl", parameters: ["09:00", "morgen"], apiVersion: "v26.0")
            #expect(try ChannelVectors.canonical(swapped.body) != (try ChannelVectors.canonical(object: try #require(vector["json_body"]))))
            let bare = WhatsAppRequest.template(phoneNumberID: "1", token: "t", to: "2", name: "n", languageCode: "nl", parameters: [])
            #expect(String(decoding: bare.body, as: UTF8.self).contains(#""components":[]"#))
        }

        @Test func defaultVersionIsPinned() {
            let request = WhatsAppRequest.text(phoneNumberID: "123", token: "t", to: "31612345678", body: "x")
            #expect(request.url == "https://graph.facebook.com/v26.0/123/messages")
        }

        @Test func responses() {
            #expect(
                WhatsAppResponse.parse(
                    status: 200,
                    body: Data(
                        #"{"messaging_product":"whatsapp","contacts":[{"input":"31612345678","wa_id":"31612345678"}],"messages":[{"id":"wamid.HBg"}]}"#
                            .utf8)) == .sent(id: "wamid.HBg"))
            #expect(WhatsAppResponse.parse(status: 200, body: Data()) == .sent(id: nil))
            #expect(
                WhatsAppResponse.parse(
                    status: 400,
                    body: Data(
                        #"{"error":{"message":"Re-engagement message","type":"OAuthException","code":131047,"fbtrace_id":"A"}}"#.utf8))
                    == .needsTemplate)
            #expect(
                WhatsAppResponse.parse(status: 400, body: Data(#"{"error":{"message":"Invalid parameter","code":100}}"#.utf8))
                    == .permanent(code: 100, message: "Invalid parameter"))
            #expect(WhatsAppResponse.parse(status: 401, body: Data("<html>".utf8)) == .permanent(code: nil, message: "HTTP 401"))
            #expect(WhatsAppResponse.parse(status: 400, body: Data(#"{"error":{"code":130429}}"#.utf8)) == .retryable)
            #expect(WhatsAppResponse.parse(status: 429, body: Data()) == .retryable)
            #expect(WhatsAppResponse.parse(status: 500, body: Data(#"{"error":{"code":1}}"#.utf8)) == .retryable)
        }
    }
}
