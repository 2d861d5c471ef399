import Dispatch
import HummingbirdBcrypt

/// bcrypt, off the server's cooperative threads (one check takes a good part of a second on purpose).
enum Passwords {
    static let minimumLength = 10

    /// Why a new password is refused, or nil when it is fine.
    static func problem(_ password: String) -> String? {
        password.count < minimumLength ? "het wachtwoord moet minstens \(minimumLength) tekens hebben" : nil
    }

    static func hash(_ password: String, cost: Int) -> String {
        Bcrypt.hash(password, cost: UInt8(cost))
    }

    /// Checks a password; with no hash (an unknown e-mail address) it checks against `dummy` (a hash
    /// of the same cost), so the answer takes as long and does not tell which addresses exist.
    static func verify(_ password: String, hash: String?, dummy: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let ok = Bcrypt.verify(password, hash: hash ?? dummy)
                continuation.resume(returning: ok && hash != nil)
            }
        }
    }
}
