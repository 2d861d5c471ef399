import Foundation

/// At most `limit` messages a minute per sender; in memory (a restart forgets, which is harmless).
actor RateLimiter {
    private let limit: Int
    private var windows: [String: [Date]] = [:]

    init(limit: Int) { self.limit = limit }

    /// Counts the message and says whether it may be handled.
    func allow(_ sender: String, at now: Date) -> Bool {
        let cutoff = now.addingTimeInterval(-60)
        var times = windows[sender, default: []].filter { $0 > cutoff }
        guard times.count < limit else {
            windows[sender] = times
            return false
        }
        times.append(now)
        windows[sender] = times
        if windows.count > 10_000 { windows = windows.filter { $0.value.contains { $0 > cutoff } } }
        return true
    }
}
