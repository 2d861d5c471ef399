import CoreMetrics
import Dialog
import Foundation
import GRDB
import Hummingbird
import Logging

/// What every webhook route shares: the conversation service, limits, metrics and the clock.
struct WebhookContext: Sendable {
    let config: ServeConfig
    let service: ConversationService
    let metrics: ServerMetrics
    let rateLimiter: RateLimiter
    let batcher: InboundBatcher
    let clock: WallClock
    let logger: Logger

    var database: AppDatabase { service.database }

    /// The raw body, refused with 413 above the limit (with a reason: Hummingbird's own 413 has none).
    func body(of request: Request) async throws -> Data {
        do {
            let buffer = try await request.body.collect(upTo: config.maxBodyBytes)
            return Data(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(config.maxBodyBytes / 1024) KiB")
        }
    }

    /// The URL the provider called, rebuilt from the configured public URL, never from the Host header.
    func publicURL(of request: Request) -> String {
        var base = config.publicURL
        while base.hasSuffix("/") { base.removeLast() }
        let query = request.uri.query.map { "?\($0)" } ?? ""
        return base + request.uri.path + query
    }

    func checkRate(_ channel: String, _ sender: String) async throws {
        guard await rateLimiter.allow("\(channel):\(sender)", at: clock.now()) else {
            logger.notice("rate limit", metadata: ["channel": "\(channel)", "from": "\(LogPrivacy.mask(sender))"])
            throw HTTPError(.tooManyRequests, message: "too many messages from this sender, try again later")
        }
    }

    /// Applies one inbound message: committed together with the messages that arrived meanwhile
    /// (group commit), answered only after that commit. With `inline`, the replies travel in the
    /// HTTP response and are marked sent in that same transaction, so the dispatcher never sends them too.
    func apply(_ message: InboundMessage, inline: Bool) async throws -> ConversationService.Result {
        let message = try Self.storable(message)
        let started = ContinuousClock.now
        let result: ConversationService.Result
        do {
            result = try await batcher.apply(message, inline: inline)
        } catch let failure as InboundBatcher.Failure {
            if failure.busy { throw HTTPError(.serviceUnavailable, message: "the database is busy, try again") }
            // Nothing of it was stored and the provider sends it again; the reason names the
            // statement and the database's message, never a value.
            logger.error(
                "message not applied",
                metadata: ["channel": "\(message.channel)", "from": "\(LogPrivacy.mask(message.address))", "reason": "\(failure)"])
            throw HTTPError(.internalServerError, message: "the message was not applied, send it again")
        }
        metrics.turnLatency.recordElapsed(since: started)
        if case .applied = result { metrics.messagesIn(message.channel).increment() }
        // A line per message only when asked for (`debug: true`): the message is in the database and
        // counted in the metrics, and writing a line for each was 3 % of the server's CPU under load.
        let level: Logger.Level = result.isDuplicate ? .info : .debug
        if logger.logLevel <= level {
            var metadata: Logger.Metadata = ["channel": "\(message.channel)", "from": "\(LogPrivacy.mask(message.address))"]
            if config.debug { metadata["text"] = "\(message.text)" }
            logger.log(level: level, result.isDuplicate ? "redelivery, answered from the store" : "message applied", metadata: metadata)
        }
        return result
    }
}

extension WebhookContext {
    /// GRDB hands text to SQLite up to its first NUL: an id or address holding one would be cut short
    /// and could name another message or person (found by the fuzz run: a redelivery check that
    /// matched the wrong message), and a text would be stored shorter than it was applied.
    /// Ids and addresses with control characters are refused; NULs are dropped from the text.
    static func storable(_ message: InboundMessage) throws -> InboundMessage {
        if hasControl(message.address) || message.providerID.map(hasControl) == true {
            throw HTTPError(.badRequest, message: "the sender or the message id contains control characters")
        }
        guard message.text.utf8.contains(0) else { return message }
        var clean = message
        clean.text = message.text.replacingOccurrences(of: "\u{0}", with: "")
        return clean
    }

    /// Whether the text holds a control character (Unicode category Cc). Ids and addresses are
    /// ASCII, where that is a byte below 0x20 or DEL: found without looking up each scalar's
    /// properties (those look-ups were 4 % of a webhook's CPU under load).
    static func hasControl(_ s: String) -> Bool {
        for byte in s.utf8 {
            if byte >= 0x80 { return s.unicodeScalars.contains { $0.properties.generalCategory == .control } }
            if byte < 0x20 || byte == 0x7F { return true }
        }
        return false
    }
}

extension ConversationService.Result {
    var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }
}
