import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct TelegramTests {
        @Test func privateTextUpdateVector() throws {
            let vector = try ChannelVectors.vector("tg-update-private-text")
            let expected = try #require(vector["expected"] as? [String: Any])
            let update = try TelegramInbound.parse(json: try ChannelVectors.json(vector, "payload")).get()
            guard case .message(let message) = update else {
                Issue.record("expected a message, got \(update)")
                return
            }
            #expect(message.updateID == (expected["update_id"] as? Int).map(Int64.init))
            #expect(message.chatID == (expected["chat_id"] as? Int).map(Int64.init))
            #expect(message.chatType == (try ChannelVectors.string(expected, "chat_type")))
            #expect(message.fromID == (expected["from_id"] as? Int).map(Int64.init))
            #expect(message.text == (try ChannelVectors.string(expected, "text")))
            #expect(message.isPrivate)
            #expect(message.messageID == 41)
            #expect(message.firstName == "Nic")
            #expect(message.username == "nicpottier")
            #expect(message.languageCode == nil)
            #expect(!message.fromIsBot)
            let date = Date(timeIntervalSince1970: TimeInterval(message.date))
            #expect(date == ISO8601DateFormatter().date(from: try ChannelVectors.string(expected, "date_utc")))
        }

        @Test func privateTextMapsToAnInboundMessage() throws {
            let vector = try ChannelVectors.vector("tg-update-private-text")
            let update = try TelegramInbound.parse(json: try ChannelVectors.json(vector, "payload")).get()
            guard case .message(let message) = update else {
                Issue.record("expected a message")
                return
            }
            let inbound = try #require(message.inboundMessage(receivedAt: Date(timeIntervalSince1970: 9)))
            #expect(inbound.channel == "telegram")
            #expect(inbound.address == "3527065")
            #expect(inbound.phone == nil)
            #expect(inbound.providerID == "3527065:41")
            #expect(update.updateID == 174_114_370)
        }

        @Test func groupMessageIsNotPrivate() throws {
            let json =
                #"{"update_id":5,"message":{"message_id":7,"date":1795425300,"chat":{"id":-1001234567890,"title":"Buurt","type":"supergroup"},"from":{"id":42,"is_bot":false,"first_name":"Anouk","language_code":"nl"},"text":"Hoi allemaal"}}"#
            guard case .message(let message) = try TelegramInbound.parse(json: Data(json.utf8)).get() else {
                Issue.record("expected a message")
                return
            }
            #expect(!message.isPrivate)
            #expect(message.chatID == -1_001_234_567_890)
            #expect(message.fromID == 42)
            #expect(message.languageCode == "nl")
        }

        @Test(arguments: [
            #"{"update_id":9,"edited_message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"x"}}"#,
            #"{"update_id":9,"callback_query":{"id":"4382bfdwdsb323b2d9","data":"ja"}}"#,
            #"{"update_id":9}"#
        ])
        func updatesWithoutAMessageAreIgnored(json: String) throws {
            #expect(try TelegramInbound.parse(json: Data(json.utf8)).get() == .ignored(updateID: 9))
        }

        @Test func messageWithoutTextParsesButDoesNotMap() throws {
            let json = #"{"update_id":3,"message":{"message_id":2,"date":1,"chat":{"id":8,"type":"private"},"photo":[{"file_id":"x"}]}}"#
            guard case .message(let message) = try TelegramInbound.parse(json: Data(json.utf8)).get() else {
                Issue.record("expected a message")
                return
            }
            #expect(message.text == nil)
            #expect(message.inboundMessage(receivedAt: Date()) == nil)
        }

        @Test(arguments: [
            (#"{"message":{}}"#, "missing field 'update_id'"),
            (#"{"update_id":"1"}"#, "field 'update_id' has the wrong type"),
            (#"{"update_id":1.5}"#, "body has a number that does not fit its field"),
            (
                #"{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":"8","type":"private"}}}"#,
                "field 'message.chat.id' has the wrong type"
            ),
            (#"{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"type":"private"}}}"#, "missing field 'message.chat.id'"),
            (
                #"{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":8,"type":"private"},"text":["x"]}}"#,
                "field 'message.text' has the wrong type"
            ),
            (
                #"{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":8,"type":"private"},"from":{"id":99999999999999999999}}}"#,
                "body has a number that does not fit its field"
            ),
            (#"null"#, "body is not a JSON object"),
            (#"{"update_id":1"#, "body is not valid JSON")
        ])
        func wrongShapesAreRefusedWithAReason(json: String, reason: String) {
            #expect(TelegramInbound.parse(json: Data(json.utf8)).failureValue?.reason == reason)
        }

        @Test func hugeTextIsRefused() {
            let text = String(repeating: "a", count: 1_000_000)
            let json = #"{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":8,"type":"private"},"text":"\#(text)"}}"#
            #expect(
                TelegramInbound.parse(json: Data(json.utf8)).failureValue?.reason == "field 'message.text' is longer than 4096 characters")
            #expect(
                TelegramInbound.parse(json: Data(repeating: 0x7B, count: 3_000_000)).failureValue
                    == .tooLarge(limit: PayloadLimits.maxTelegramBody))
        }

        @Test func secretTokenVectorCases() throws {
            let vector = try ChannelVectors.vector("tg-secret-token")
            let configured = try ChannelVectors.string(vector, "configured_secret_token")
            let cases = try #require(vector["cases"] as? [[String: Any]])
            #expect(cases.count == 3)
            for testCase in cases {
                let header = testCase["header_value"] as? String
                let accept = try #require(testCase["expected_accept"] as? Bool)
                #expect(TelegramSecret.isValid(header: header, expected: configured) == accept, "header \(header ?? "nil")")
            }
            #expect(TelegramSecret.isWellFormed(configured))
        }

        @Test func secretTokenEdgeCases() {
            #expect(!TelegramSecret.isValid(header: "", expected: ""))
            #expect(!TelegramSecret.isValid(header: "abc", expected: ""))
            #expect(!TelegramSecret.isValid(header: "abc ", expected: "abc"))
            #expect(!TelegramSecret.isWellFormed(""))
            #expect(!TelegramSecret.isWellFormed("a b"))
            #expect(!TelegramSecret.isWellFormed(String(repeating: "a", count: 257)))
            #expect(TelegramSecret.isWellFormed(String(repeating: "a", count: 256)))
        }

        @Test func sendMessageMatchesTheVector() throws {
            let vector = try ChannelVectors.vector("tg-send-message")
            let parameters = try #require(vector["parameters"] as? [String: String])
            let chatIDText = try #require(parameters["chat_id"])
            let chatID = try #require(Int64(chatIDText))
            let text = try #require(parameters["text"])
            let reply = try JSONSerialization.jsonObject(with: Data(try #require(parameters["reply_parameters"]).utf8))
            let request = TelegramRequest.sendMessage(token: "<bot-token>", chatID: chatID, text: text, replyTo: 512)

            #expect(request.method == (try ChannelVectors.string(vector, "method")))
            #expect(request.url == (try ChannelVectors.string(vector, "url")))
            #expect(request.header("Content-Type") == "application/json")
            // PTB sends every value as a JSON string; the Bot API takes plain JSON types, which we send.
            let expected: [String: Any] = ["chat_id": chatID, "text": text, "reply_parameters": reply]
            #expect(try ChannelVectors.canonical(request.body) == (try ChannelVectors.canonical(object: expected)))
            let raw =
                try JSONSerialization.jsonObject(with: Data(try ChannelVectors.string(vector, "raw_json_body").utf8)) as? [String: Any]
            #expect(raw?["text"] as? String == text)
        }

        @Test func sendMessageWithoutReplyOrToAnotherChatDiffers() throws {
            let vector = try ChannelVectors.vector("tg-send-message")
            let parameters = try #require(vector["parameters"] as? [String: String])
            let text = try #require(parameters["text"])
            let plain = TelegramRequest.sendMessage(token: "<bot-token>", chatID: -1_001_234_567_890, text: text)
            #expect(!String(decoding: plain.body, as: UTF8.self).contains("reply_parameters"))
            let other = TelegramRequest.sendMessage(token: "<bot-token>", chatID: -1_001_234_567_891, text: text, replyTo: 512)
            let same = TelegramRequest.sendMessage(token: "<bot-token>", chatID: -1_001_234_567_890, text: text, replyTo: 512)
            #expect(other != same)
        }

        @Test func webhookMethodReplyMatchesTheVector() throws {
            let vector = try ChannelVectors.vector("tg-webhook-method-reply")
            let expected = try #require(vector["response_body"] as? [String: Any])
            let body = TelegramRequest.webhookReply(chatID: 3_527_065, text: "Genoteerd! Ik herinner je morgen om 09:00.")
            #expect(try ChannelVectors.canonical(body) == (try ChannelVectors.canonical(object: expected)))
            let other = TelegramRequest.webhookReply(chatID: 3_527_066, text: "Genoteerd! Ik herinner je morgen om 09:00.")
            #expect(try ChannelVectors.canonical(other) != (try ChannelVectors.canonical(object: expected)))
        }

        @Test func responses() {
            #expect(
                TelegramResponse.parse(
                    status: 200, body: Data(#"{"ok":true,"result":{"message_id":512,"date":1,"chat":{"id":1,"type":"private"}}}"#.utf8))
                    == .sent(messageID: 512))
            #expect(
                TelegramResponse.parse(
                    status: 429,
                    body: Data(
                        #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"#
                            .utf8)) == .retryAfter(seconds: 7))
            #expect(TelegramResponse.parse(status: 429, body: Data()) == .retryable)
            #expect(
                TelegramResponse.parse(
                    status: 403, body: Data(#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#.utf8))
                    == .blocked)
            #expect(
                TelegramResponse.parse(
                    status: 400, body: Data(#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#.utf8))
                    == .permanent(code: 400, message: "Bad Request: chat not found"))
            #expect(TelegramResponse.parse(status: 502, body: Data("Bad Gateway".utf8)) == .retryable)
            #expect(TelegramResponse.parse(status: 200, body: Data(#"{"ok":false}"#.utf8)) == .retryable)
        }
    }
}
