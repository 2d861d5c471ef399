import Foundation

/// Slows password guessing down without letting anyone who lacks the password keep a professional out.
///
/// Failed logins of the last 15 minutes are counted three ways. Per account and client address
/// together (the pair): after `freePerPair` failures, each further attempt of that pair must wait
/// 1 s, 2 s, 4 s ... (at most `maxDelay`) after its last failure. Per client address over all
/// accounts: after `freePerClient` failures the same growing wait, against one address trying
/// many accounts. Per account over all clients, only to detect an attack: from `attackThreshold`
/// failures on, every pair that has failed on that account waits from its first failure, so a
/// guesser with many addresses gets one guess per address before the waits begin.
///
/// No wait ever falls on an account as such. A guesser who knows a professional's e-mail address
/// but not the password only makes their own pairs (and their own address) wait; the professional,
/// from any other address, gets in at once, and their own mistypes cost them at most `maxDelay`.
/// An attempt refused while waiting is neither checked nor counted. A success clears its pair.
/// Colleagues behind one shared address (an office NAT) share the per-client count, so it allows
/// many failures and a short maximum. In memory: a restart forgets, which only helps a guesser a
/// little. Clients are counted by `ClientAddress.limitKey` (an IPv6 client by its /64).
actor LoginLimiter {
    enum Verdict: Equatable, Sendable {
        case allowed
        /// Try again after this many seconds.
        case wait(TimeInterval)
    }

    static let window: TimeInterval = 15 * 60

    let freePerPair: Int
    let freePerClient: Int
    let attackThreshold: Int
    let firstDelay: TimeInterval
    let maxDelay: TimeInterval

    private struct Pair: Hashable {
        let account: String
        let client: String
    }

    private var pairs: [Pair: [Date]] = [:]
    private var clients: [String: [Date]] = [:]
    private var accounts: [String: [Date]] = [:]
    /// How many failures are kept per key: enough to reach the longest wait and the attack threshold.
    private let kept: Int

    init(
        freePerPair: Int = 5, freePerClient: Int = 20, attackThreshold: Int = 50, firstDelay: TimeInterval = 1,
        maxDelay: TimeInterval = 60
    ) {
        self.freePerPair = freePerPair
        self.freePerClient = freePerClient
        self.attackThreshold = attackThreshold
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        kept = max(32, attackThreshold, freePerPair + 16, freePerClient + 16)
    }

    func check(account: String, client: String, at now: Date) -> Verdict {
        let pair = Pair(account: account.lowercased(), client: ClientAddress.limitKey(client))
        let pairFailures = recent(pairs[pair], now)
        let underAttack = recent(accounts[pair.account], now).count >= attackThreshold
        let waits = [
            wait(after: pairFailures, free: underAttack ? 0 : freePerPair, now: now),
            wait(after: recent(clients[pair.client], now), free: freePerClient, now: now)
        ]
        let longest = waits.max() ?? 0
        return longest > 0 ? .wait(longest) : .allowed
    }

    func failed(account: String, client: String, at now: Date) {
        let pair = Pair(account: account.lowercased(), client: ClientAddress.limitKey(client))
        pairs[pair] = append(now, to: pairs[pair])
        clients[pair.client] = append(now, to: clients[pair.client])
        accounts[pair.account] = append(now, to: accounts[pair.account])
        // Bounded memory under a spray of made-up accounts and addresses: what expired goes.
        if pairs.count + clients.count + accounts.count > 30_000 { prune(now) }
    }

    func succeeded(account: String, client: String) {
        pairs[Pair(account: account.lowercased(), client: ClientAddress.limitKey(client))] = nil
    }

    /// Seconds still to wait after `failures` (oldest first): nothing before `free` failures (at
    /// least one), then `firstDelay` after the last, doubling with each further failure.
    private func wait(after failures: [Date], free: Int, now: Date) -> TimeInterval {
        let free = max(free, 1)
        guard let last = failures.last, failures.count >= free else { return 0 }
        let delay = min(maxDelay, firstDelay * pow(2, Double(failures.count - free)))
        return max(0, last.addingTimeInterval(delay).timeIntervalSince(now))
    }

    private func recent(_ times: [Date]?, _ now: Date) -> [Date] {
        (times ?? []).filter { now.timeIntervalSince($0) < Self.window }
    }

    private func append(_ now: Date, to times: [Date]?) -> [Date] {
        var times = recent(times, now)
        times.append(now)
        return Array(times.suffix(kept))
    }

    private func prune(_ now: Date) {
        pairs = pairs.compactMapValues { nonEmpty(recent($0, now)) }
        clients = clients.compactMapValues { nonEmpty(recent($0, now)) }
        accounts = accounts.compactMapValues { nonEmpty(recent($0, now)) }
    }

    private func nonEmpty(_ times: [Date]) -> [Date]? { times.isEmpty ? nil : times }
}
