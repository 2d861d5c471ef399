import Foundation

/// Slows down password guessing: a few failed logins per e-mail address per 15 minutes, and a cap
/// on failed logins per minute for the whole server. In memory; a restart forgets, which is harmless.
actor LoginLimiter {
    private let perAddress: Int
    private let perMinute: Int
    private var failures: [String: [Date]] = [:]
    private var recent: [Date] = []

    init(perAddress: Int, perMinute: Int = 60) {
        self.perAddress = perAddress
        self.perMinute = perMinute
    }

    func allows(_ email: String, at now: Date) -> Bool {
        let key = email.lowercased()
        failures[key] = failures[key]?.filter { now.timeIntervalSince($0) < 15 * 60 }
        recent = recent.filter { now.timeIntervalSince($0) < 60 }
        return (failures[key]?.count ?? 0) < perAddress && recent.count < perMinute
    }

    func failed(_ email: String, at now: Date) {
        failures[email.lowercased(), default: []].append(now)
        recent.append(now)
        if failures.count > 10_000 { failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < 15 * 60 } } }
    }

    func succeeded(_ email: String) {
        failures[email.lowercased()] = nil
    }
}
