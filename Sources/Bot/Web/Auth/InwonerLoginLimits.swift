import Foundation

/// Limits on the inwoner's login by code. Asking for codes is limited per phone number (so nobody
/// floods a person with messages, or runs up the text bill) and per client address (so nobody tries
/// number after number); guessing codes is slowed like a professional's password (`LoginLimiter`),
/// on top of the 5 guesses each code allows. In memory, like the professionals' limits.
struct InwonerLoginLimits: Sendable {
    static let window: TimeInterval = 15 * 60

    /// Codes asked for one number in 15 minutes.
    let codesPerNumber: RateLimiter
    /// Codes asked from one client address in 15 minutes, over all numbers.
    let codesPerClient: RateLimiter
    let guesses: LoginLimiter

    init(codesPerNumber: Int = 3, codesPerClient: Int = 10, freeGuesses: Int = 5) {
        self.codesPerNumber = RateLimiter(limit: codesPerNumber, window: Self.window)
        self.codesPerClient = RateLimiter(limit: codesPerClient, window: Self.window)
        guesses = LoginLimiter(freePerPair: freeGuesses)
    }

    /// Counts a request for a code; false when the number or the client asked too often.
    func mayAskCode(phone: String, client: String, at now: Date) async -> Bool {
        guard await codesPerClient.allow(ClientAddress.limitKey(client), at: now) else { return false }
        return await codesPerNumber.allow(phone, at: now)
    }
}
