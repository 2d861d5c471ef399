import Foundation

/// One page of Twilio's Messages list (`GET …/Messages.json`), newest first: what the dispatcher
/// asks when it does not know whether an earlier attempt went out.
struct TwilioMessageList: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var sid: String
        var to: String
        var body: String
        /// `outbound-api` (sent through the API, as the outbox does), `outbound-reply` (TwiML), `inbound`, ...
        var direction: String
        var created: Date?
    }

    var messages: [Entry]

    /// Twilio's clock and ours may differ; an earlier identical message is told apart by its id
    /// (the dispatcher takes only ids no outbox row has), not by this margin.
    static let clockMargin: TimeInterval = 300

    /// Nil when the body is not a list; entries without an id are left out.
    static func parse(_ body: Data) -> TwilioMessageList? {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: body), let messages = wire.messages else { return nil }
        let dates = DateFormatter()
        dates.locale = Locale(identifier: "en_US_POSIX")
        dates.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"  // Mon, 30 Nov 2026 04:10:00 +0000 (RFC 2822, as Twilio writes them)
        return TwilioMessageList(
            messages: messages.compactMap { entry in
                guard let sid = entry.sid else { return nil }
                return Entry(
                    sid: sid, to: entry.to ?? "", body: entry.body ?? "", direction: entry.direction ?? "",
                    created: entry.dateCreated.flatMap(dates.date(from:)))
            })
    }

    /// The ids of messages sent through the API to `address` with exactly `text`, created since
    /// `since`, newest first. Replies sent in a webhook's TwiML answer are not the outbox's.
    func sent(to address: String, text: String, since: Date) -> [String] {
        let earliest = since.addingTimeInterval(-Self.clockMargin)
        return messages.filter { entry in
            entry.direction == "outbound-api" && entry.to == address && entry.body == text
                && (entry.created.map { $0 >= earliest } ?? false)
        }.map(\.sid)
    }

    /// Each field read on its own, so one of the wrong type does not hide the others.
    private struct Wire: Decodable {
        var messages: [Message]?

        struct Message: Decodable {
            var sid, to, body, direction, dateCreated: String?

            enum CodingKeys: String, CodingKey { case sid, to, body, direction, dateCreated = "date_created" }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                sid = try? container.decode(String.self, forKey: .sid)
                to = try? container.decode(String.self, forKey: .to)
                body = try? container.decode(String.self, forKey: .body)
                direction = try? container.decode(String.self, forKey: .direction)
                dateCreated = try? container.decode(String.self, forKey: .dateCreated)
            }
        }
    }
}
