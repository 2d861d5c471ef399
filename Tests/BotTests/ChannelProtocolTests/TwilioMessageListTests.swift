import Foundation
import Testing

@testable import Bot

extension ChannelProtocolTests {
    /// The Messages list, asked when a send was interrupted (no shared vector: the page below is
    /// written after Twilio's documented fields, with the dates as Twilio writes them).
    @Suite struct TwilioMessageListTests {
        static let page = Data(
            """
            {"first_page_uri": "/2010-04-01/Accounts/AC1/Messages.json?To=%2B31612345678&PageSize=50&Page=0",
             "messages": [
              {"sid": "SM0003", "to": "+31612345678", "from": "+3197010250999", "body": "Hoe gaat het met wonen?",
               "direction": "outbound-api", "status": "queued", "date_created": "Mon, 30 Nov 2026 10:00:05 +0000", "date_sent": null},
              {"sid": "SM0002", "to": "+31612345678", "from": "+3197010250999", "body": "Hoe gaat het met wonen?",
               "direction": "outbound-api", "status": "delivered", "date_created": "Mon, 30 Nov 2026 08:00:00 +0000"},
              {"sid": "SM0001", "to": "+3197010250999", "from": "+31612345678", "body": "Hoe gaat het met wonen?",
               "direction": "inbound", "status": "received", "date_created": "Mon, 30 Nov 2026 10:00:06 +0000"},
              {"to": "+31612345678", "body": "Hoe gaat het met wonen?", "direction": "outbound-api",
               "date_created": "Mon, 30 Nov 2026 10:00:07 +0000"},
              {"sid": "SM0007", "to": "+31612345678", "body": "Hoe gaat het met wonen?", "direction": "outbound-reply",
               "date_created": "Mon, 30 Nov 2026 10:00:04 +0000"},
              {"sid": "SM0004", "to": "+31612345678", "body": "Iets anders", "direction": "outbound-api",
               "date_created": "Mon, 30 Nov 2026 10:00:08 +0000"},
              {"sid": 5, "to": "+31612345678", "body": "Hoe gaat het met wonen?", "direction": "outbound-api",
               "date_created": "Mon, 30 Nov 2026 10:00:09 +0000"},
              {"sid": "SM0006", "to": "+31612345678", "body": "Hoe gaat het met wonen?", "direction": "outbound-api",
               "date_created": "30-11-2026 10:00"}
             ],
             "page": 0, "page_size": 50}
            """.utf8)
        static let queued = Date(timeIntervalSince1970: 1_796_032_800)  // Mon, 30 Nov 2026 10:00:00 +0000

        @Test func onlyOutboundMessagesToTheAddressWithTheTextSinceItWasQueuedCount() throws {
            let list = try #require(TwilioMessageList.parse(Self.page))
            #expect(list.messages.count == 6)  // the two entries without a string id are left out
            #expect(list.messages[0].created == Self.queued.addingTimeInterval(5))
            // SM0002 went out two hours before: another message with the same text, not this one.
            // SM0007 was a TwiML reply, SM0001 came in, SM0004 has another text, SM0006 an unreadable date.
            #expect(list.sent(to: "+31612345678", text: "Hoe gaat het met wonen?", since: Self.queued) == ["SM0003"])
            // Twilio's clock may run a little behind ours.
            #expect(list.sent(to: "+31612345678", text: "Hoe gaat het met wonen?", since: Self.queued.addingTimeInterval(60)) == ["SM0003"])
            #expect(list.sent(to: "+31612345678", text: "Hoe gaat het met wonen?", since: Self.queued.addingTimeInterval(3_600)).isEmpty)
            #expect(list.sent(to: "+31699999999", text: "Hoe gaat het met wonen?", since: Self.queued).isEmpty)
            #expect(list.sent(to: "+31612345678", text: "Hoe gaat het met wonen", since: Self.queued).isEmpty)
        }

        @Test func aBodyThatIsNoListIsNil() {
            #expect(TwilioMessageList.parse(Data(#"{"code": 20003, "message": "Authenticate"}"#.utf8)) == nil)
            #expect(TwilioMessageList.parse(Data("<html>".utf8)) == nil)
            #expect(TwilioMessageList.parse(Data(#"{"messages": []}"#.utf8)) == TwilioMessageList(messages: []))
        }

        @Test func theListRequestAsksForTheAddressWithBasicAuth() {
            let request = TwilioRequest.listMessages(
                accountSid: "AC1", authToken: "secret", to: "+31612345678", apiBase: "http://127.0.0.1:9")
            #expect(request.method == "GET")
            #expect(request.url == "http://127.0.0.1:9/2010-04-01/Accounts/AC1/Messages.json?To=%2B31612345678&PageSize=50")
            #expect(request.header("Authorization") == "Basic " + Data("AC1:secret".utf8).base64EncodedString())
            #expect(request.body.isEmpty)
        }
    }
}
