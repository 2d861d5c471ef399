import Crypto
import Foundation

/// Shared helpers for checking webhook signatures: constant-time comparison and hex.
///
/// Every provider check in `Channels/Signatures/` compares through `constantTimeEquals`, so the
/// time a comparison takes never depends on where the first wrong byte is.
enum WebhookSignature {
    /// Compares two byte sequences in time that depends only on their lengths.
    ///
    /// The lengths themselves are not secret (a signature's length is public), so a length
    /// mismatch returns at once.
    static func constantTimeEquals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) {
            difference |= x ^ y
        }
        return difference == 0
    }

    /// Compares the UTF-8 bytes of two strings in constant time.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        constantTimeEquals(Array(a.utf8), Array(b.utf8))
    }

    /// Lowercase hex of some bytes.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes a hex string stands for (either case), or nil when it is not an even run of hex digits.
    static func bytes(fromHex text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// The value of one ASCII hex digit.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether `token` is 1 to 256 characters of `A-Z a-z 0-9 _ -`.
    static func isSafeToken(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard (1...256).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }

    /// HMAC-SHA256 of `message` keyed with the UTF-8 bytes of `secret`.
    static func hmacSHA256(_ message: some DataProtocol, secret: String) -> [UInt8] {
        let key = SymmetricKey(data: Array(secret.utf8))
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Checks a `sha256=`-style hex HMAC-SHA256 header against the raw body.
    ///
    /// - Parameters:
    ///   - header: the header value, nil when the header is missing.
    ///   - prefix: the prefix before the hex digits.
    ///   - prefixRequired: whether a header without the prefix is rejected.
    static func isValidHexHMACSHA256(
        header: String?, rawBody: some DataProtocol, secret: String, prefix: String, prefixRequired: Bool
    ) -> Bool {
        guard var value = header?.trimmingCharacters(in: .whitespaces), !secret.isEmpty else { return false }
        if value.hasPrefix(prefix) {
            value.removeFirst(prefix.count)
        } else if prefixRequired {
            return false
        }
        guard let given = bytes(fromHex: value) else { return false }
        return constantTimeEquals(given, hmacSHA256(rawBody, secret: secret))
    }
}
