import Foundation

/// How the outbox dispatcher retries.
struct DispatchPolicy: Sendable {
    var maxAttempts = 6
    var baseDelay: Double = 2
    var maxDelay: Double = 600
    var connectTimeout: Double = 5
    var readTimeout: Double = 15
    var pollInterval: Double = 1
    var lease: Double = 60

    func delay(afterAttempt attempt: Int) -> Double {
        min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
    }
}
