import Foundation

/// At most `limit` messages per `window` (a minute unless told) per sender; in memory (a restart
/// forgets, which is harmless).
///
/// Senders are kept in two generations that turn over once a minute: a sender is moved into the
/// current one when they write, and whatever is still in the previous one at the next turnover
/// has not written for over a minute, so all its times have expired and it is dropped whole. Each
/// message thus costs the same however many senders there are (pruning by scanning every sender
/// made each message as slow as the number of senders of the last minute), and memory holds only
/// the senders of the last two minutes.
actor RateLimiter {

    private let limit: Int
    private let window: TimeInterval
    private var current: [String: [Date]] = [:]
    private var previous: [String: [Date]] = [:]
    private var turnedOverAt: Date?

    init(limit: Int, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// How many senders are remembered (for tests).
    var remembered: Int { current.count + previous.count }

    /// Counts the message and says whether it may be handled.
    func allow(_ sender: String, at now: Date) -> Bool {
        turnOver(at: now)
        let cutoff = now.addingTimeInterval(-window)
        var times = current.removeValue(forKey: sender) ?? previous.removeValue(forKey: sender) ?? []
        times.removeAll { $0 <= cutoff }
        let allowed = times.count < limit
        if allowed { times.append(now) }
        if !times.isEmpty { current[sender] = times }
        return allowed
    }

    private func turnOver(at now: Date) {
        guard let turnedOverAt else {
            turnedOverAt = now
            return
        }
        let elapsed = now.timeIntervalSince(turnedOverAt)
        if (0..<window).contains(elapsed) { return }
        // A minute on, the current generation becomes the previous one. Two minutes on, it has
        // expired too; and a clock set back starts afresh rather than keeping senders forever.
        previous = (0..<2 * window).contains(elapsed) ? current : [:]
        current = [:]
        self.turnedOverAt = now
    }
}
