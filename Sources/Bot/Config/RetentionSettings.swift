import Foundation

/// Inwoners without any activity for `inactiveMonths` are erased, `noticeDays` after their
/// professional got a `bewaartermijn` signal about it (`wegwijzer retention`, and `serve` daily).
struct RetentionSettings: Sendable, Equatable {
    var inactiveMonths: Int
    var noticeDays: Int
}
