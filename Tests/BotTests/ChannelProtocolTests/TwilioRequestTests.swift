import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    @Suite struct TwilioRequestTests {
        private func vectorRequest(token: String? = nil) throws -> (OutboundRequest, [String: Any]) {
            let vector = try ChannelVectors.vector("twilio-send-sms")
            let fields = try #require(vector["form_fields"] as? [String: String])
            let request = TwilioRequest.sendMessage(
                accountSid: try ChannelVectors.string(vector, "basic_auth_user"),
                authToken: try token ?? ChannelVectors.string(vector, "basic_auth_password"),
                from: fields["From"], messagingServiceSid: nil, to: try #require(fields["To"]),
                body: try #require(fields["Body"]), statusCallback: fields["StatusCallback"])
            return (request, vector)
        }

        @Test func sendSMSMatchesTheSDKByteForByte() throws {
            let (request, vector) = try vectorRequest()
            #expect(request.method == (try ChannelVectors.string(vector, "method")))
            #expect(request.url == (try ChannelVectors.string(vector, "url")))
            #expect(String(decoding: request.body, as: UTF8.self) == (try ChannelVectors.string(vector, "form_body_urlencoded")))
            #expect(request.header("Authorization") == (try ChannelVectors.string(vector, "authorization_header")))
            let sdkHeaders = try #require(vector["sdk_headers"] as? [String: String])
            #expect(request.header("Content-Type") == sdkHeaders["Content-Type"])
            #expect(request.header("accept") == sdkHeaders["Accept"])
        }

        @Test func anotherTokenOrBodyGivesAnotherRequest() throws {
            let (request, vector) = try vectorRequest(token: "f3b1c0ffee0ddba11deadbeef0123457")
            #expect(request.header("Authorization") != (try ChannelVectors.string(vector, "authorization_header")))
            let (original, _) = try vectorRequest()
            #expect(request != original)
            var changed = original
            changed.headers[2].1 = "text/html"
            #expect(changed != original)
        }

        @Test func messagingServiceReplacesFromAndNilFieldsAreLeftOut() {
            let request = TwilioRequest.sendMessage(
                accountSid: "AC1", authToken: "t", from: nil, messagingServiceSid: "MG1", to: "+31612345678", body: "a b",
                statusCallback: nil)
            #expect(String(decoding: request.body, as: UTF8.self) == "To=%2B31612345678&MessagingServiceSid=MG1&Body=a+b")
            #expect(request.header("Authorization") == "Basic " + Data("AC1:t".utf8).base64EncodedString())
        }

        @Test func responses() {
            #expect(TwilioResponse.parse(status: 201, body: Data(#"{"sid":"SM123","status":"queued"}"#.utf8)) == .sent(sid: "SM123"))
            #expect(TwilioResponse.parse(status: 201, body: Data("not json".utf8)) == .sent(sid: nil))
            #expect(
                TwilioResponse.parse(
                    status: 400, body: Data(#"{"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400}"#.utf8))
                    == .optedOut)
            #expect(
                TwilioResponse.parse(status: 400, body: Data(#"{"code":21211,"message":"Invalid 'To' Phone Number"}"#.utf8))
                    == .permanent(code: 21211, message: "Invalid 'To' Phone Number"))
            #expect(TwilioResponse.parse(status: 401, body: Data()) == .permanent(code: nil, message: "HTTP 401"))
            #expect(TwilioResponse.parse(status: 429, body: Data(#"{"code":20429}"#.utf8)) == .retryable)
            #expect(TwilioResponse.parse(status: 503, body: Data()) == .retryable)
        }

        @Test func optOutNeedsStatus400AndCode21610() {
            #expect(TwilioResponse.parse(status: 400, body: Data(#"{"code":"21610"}"#.utf8)) != .optedOut)
            #expect(TwilioResponse.parse(status: 500, body: Data(#"{"code":21610}"#.utf8)) == .retryable)
        }
    }

    @Suite struct TwiMLTests {
        @Test(arguments: [
            ("twiml-simple", "Top! Ik stuur je morgen om 09:00 een herinnering."),
            ("twiml-escaping", "Afval & <grofvuil>: zet de container één dag eerder buiten 🗑️")
        ])
        func messageMatchesTwilioPython(id: String, text: String) throws {
            let vector = try ChannelVectors.vector(id)
            #expect(TwiML.message(text) == (try ChannelVectors.string(vector, "expected_xml")))
        }

        @Test func emptyMatchesTwilioPython() throws {
            #expect(TwiML.empty == (try ChannelVectors.string(ChannelVectors.vector("twiml-empty"), "expected_xml")))
            #expect(TwiML.empty != TwiML.message(""))
        }

        @Test func markupInTheTextNeverBecomesMarkup() {
            let xml = TwiML.message("</Message><Redirect>https://evil</Redirect>")
            #expect(!xml.contains("<Redirect>"))
            #expect(xml.hasSuffix("&lt;/Message&gt;&lt;Redirect&gt;https://evil&lt;/Redirect&gt;</Message></Response>"))
            #expect(TwiML.message("\"quotes\" 'stay'").contains("\"quotes\" 'stay'"))
        }

        @Test func characterssXMLCannotCarryAreDropped() {
            #expect(TwiML.escape("a\u{0}b\u{1B}c\td\ne\u{FFFF}") == "abc\td\ne")
        }

        /// Whether a text takes the short cut (nothing to escape) or not, it comes out as escaping
        /// each scalar would make it.
        @Test func escapingAgreesWithEscapingEachScalar() {
            func reference(_ text: String) -> String {
                text.unicodeScalars.map { scalar -> String in
                    switch scalar {
                    case "&": "&amp;"
                    case "<": "&lt;"
                    case ">": "&gt;"
                    case "\t", "\n", "\r": String(scalar)
                    case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: ""
                    default: String(scalar)
                    }
                }.joined()
            }
            let pieces = [
                "a", "Hoi", " ", "&", "<", ">", "\t", "\n", "\u{1}", "\u{1F}", "é", "ï", "\u{FFFE}", "\u{FFFF}", "\u{F8FF}", "\u{FFFD}", "😀"
            ]
            var rng = SystemRandomNumberGenerator()
            for _ in 0..<5_000 {
                let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
                #expect(TwiML.escape(text) == reference(text), "\(text.debugDescription)")
            }
        }
    }
}
