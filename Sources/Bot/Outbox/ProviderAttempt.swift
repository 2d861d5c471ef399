import Foundation

/// One HTTP attempt at a provider; a transport error (timeout, refused connection) is worth a retry.
func attempt(_ request: OutboundRequest, _ transport: HTTPTransport, _ interpret: (Int, Data) -> SendResult) async -> SendResult {
    do {
        let reply = try await transport.execute(request)
        return interpret(reply.status, reply.body)
    } catch {
        return .retry("transport: \(error)")
    }
}

/// "twilio 21211: Invalid 'To' Phone Number", or without a number when the provider gave none
/// (kept as the outbox row's last error, which the professional sees).
func providerError(_ provider: String, _ code: Int?, _ text: String) -> String {
    code.map { "\(provider) \($0): \(text)" } ?? "\(provider): \(text)"
}
