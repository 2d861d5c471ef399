import Foundation

/// `application/x-www-form-urlencoded`, both ways.
///
/// Decoding keeps every pair in order (repeated names too) and keeps empty values, as signature checks
/// need. Encoding escapes like Python's `urllib.parse.urlencode` (which the Twilio SDK uses): letters,
/// digits and `_ . - ~` stay, a space becomes `+`, every other UTF-8 byte becomes `%XX` (uppercase hex).
enum FormURLEncoded {
    /// The decoded `(name, value)` pairs, or nil on a `%` not followed by two hex digits or on invalid UTF-8.
    /// `+` decodes to a space; a piece without `=` is a name with an empty value; empty pieces are skipped.
    static func decode(_ bytes: some Collection<UInt8>) -> [(String, String)]? {
        // One copy into an array: splitting and indexing `Data` byte by byte cost more than the rest.
        let bytes = Array(bytes)
        var pairs: [(String, String)] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = piece.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = component(parts[0]) else { return nil }
            let value = parts.count > 1 ? component(parts[1]) : ""
            guard let value else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Decodes the UTF-8 of a string (e.g. a URL's query).
    static func decode(_ text: String) -> [(String, String)]? {
        decode(Array(text.utf8))
    }

    /// One name or value: `+` to space, `%XX` to a byte, then strict UTF-8.
    private static func component(_ input: ArraySlice<UInt8>) -> String? {
        // Most names and values need no decoding at all.
        if !input.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) {
            return String(validating: input, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < input.endIndex,
                    let high = WebhookSignature.hexValue(input[index + 1]),
                    let low = WebhookSignature.hexValue(input[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 3
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    /// `name=value&…` in the given order, escaped as Python's `urlencode` does.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// One name or value, escaped for a form body.
    static func escape(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
