import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Executes an `OutboundRequest` with connect and read timeouts. A struct of one closure, so tests
/// can put a fake provider behind it without a network.
struct HTTPTransport: Sendable {
    struct Reply: Sendable {
        var status: Int
        var body: Data
    }
    let execute: @Sendable (OutboundRequest) async throws -> Reply

    /// AsyncHTTPClient's process-wide client on the shared event loops (a client of our own would
    /// have to be shut down before it is released); each request gets the policy's deadline.
    static func live(policy: DispatchPolicy) -> HTTPTransport {
        let client = HTTPClient.shared
        let total = TimeAmount.milliseconds(Int64((policy.connectTimeout + policy.readTimeout) * 1000))
        return HTTPTransport { request in
            var http = HTTPClientRequest(url: request.url)
            http.method = HTTPMethod(rawValue: request.method)
            for (name, value) in request.headers { http.headers.add(name: name, value: value) }
            if !request.body.isEmpty { http.body = .bytes(ByteBuffer(bytes: request.body)) }
            let response = try await client.execute(http, timeout: total)
            let body = try await response.body.collect(upTo: 1024 * 1024)
            return Reply(status: Int(response.status.code), body: Data(body.readableBytesView))
        }
    }
}
