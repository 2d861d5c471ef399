import Foundation

/// A message to send, as the outbox holds it.
package struct OutgoingMessage: Sendable, Equatable {
    var outboxID: Int64
    var personID: Int64
    var channel: String
    var address: String
    var text: String
}
