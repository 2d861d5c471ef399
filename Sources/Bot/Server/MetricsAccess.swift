import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Who may read `/metrics`. The metrics hold no personal data, but they tell how busy the service
/// is, how many messages fail and how many wait: nothing to show the whole internet.
///
/// - With a token (`metrics.token` or `WEGWIJZER_METRICS_TOKEN`): a request with
///   `Authorization: Bearer <token>`, from anywhere (a Prometheus on another machine).
/// - On a port of its own (`metrics.port`): that listener binds a loopback address only, so
///   whoever reaches it is on the machine.
/// - Neither (the default): the main port answers it only to a loopback client, so a Prometheus on
///   the same machine scrapes it without any setting. A reverse proxy on the same machine also
///   connects from loopback; a request that carries a forwarding header came through one, from
///   outside, and is refused.
struct MetricsAccess: Sendable {
    let token: String?
    /// Served on the loopback-only listener of `metrics.port`.
    let ownListener: Bool

    static let forwardingHeaders = [ClientAddress.forwardedFor, HTTPField.Name("Forwarded")!, HTTPField.Name("X-Real-IP")!]

    /// Nil when the request may read the metrics, else the response that refuses it.
    func refusal(_ request: Request, peer: SocketAddress?) -> Response? {
        if let token {
            let sent = request.headers[.authorization] ?? ""
            let expected = "Bearer " + token
            if WebhookSignature.constantTimeEquals(Array(sent.utf8), Array(expected.utf8)) { return nil }
            return Response(
                status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "metrics need Authorization: Bearer <metrics token>\n")))
        }
        if ownListener { return nil }
        let local = peer?.ipAddress.flatMap(ClientAddress.normalized).map(ClientAddress.isLoopback) ?? false
        let forwarded = Self.forwardingHeaders.contains { request.headers[$0] != nil }
        if local && !forwarded { return nil }
        return Response(
            status: .forbidden, headers: [.contentType: "text/plain"],
            body: .init(byteBuffer: ByteBuffer(string: "metrics are served to loopback only; set metrics.token or metrics.port\n")))
    }
}
