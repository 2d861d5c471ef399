import Foundation
import HTTPTypes
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who sent a request, for limits and for the loopback-only `/metrics`: the address of the
/// connection, unless that is a configured trusted proxy (`web.trusted_proxies`), whose
/// `X-Forwarded-For` then names the client. Anyone can send that header, so it is believed only
/// from a proxy the config names; the proxies append, so the last hop not a trusted proxy is the client.
enum ClientAddress {
    static let unknown = "unknown"
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    static func of(peer: SocketAddress?, headers: HTTPFields, trustedProxies: Set<String>) -> String {
        guard let peer = peer?.ipAddress.flatMap(normalized) else { return unknown }
        guard trustedProxies.contains(peer) else { return peer }
        let hops = headers[values: forwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            // A hop that is not an address (a proxy's "unknown", an obfuscated name) ends the chain.
            guard let address = normalized(hop) else { return unknown }
            if !trustedProxies.contains(address) { return address }
        }
        return peer
    }

    /// The address in one canonical text form (`::1`, `127.0.0.1`, an IPv4-mapped IPv6 address as
    /// IPv4), nil when the text is not an IP address.
    static func normalized(_ text: String) -> String? {
        var bytes = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &bytes) == 1 { return format(AF_INET, bytes) }
        guard inet_pton(AF_INET6, text, &bytes) == 1 else { return nil }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        return format(AF_INET6, bytes)
    }

    /// Loopback: 127.0.0.0/8 or ::1.
    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.")
    }

    /// The key a limit counts a client by: the address, or for IPv6 its /64 network (one household
    /// or one attacker's machine typically holds a whole /64, and can pick any address in it).
    static func limitKey(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        return bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "::/64"
    }

    private static func format(_ family: Int32, _ bytes: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
