import Foundation

/// TwiML answers to a Twilio messaging webhook, byte for byte as twilio-python writes them.
/// Serve with status 200 and ``contentType``.
enum TwiML {
    static let contentType = "text/xml"

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    /// No reply: acknowledges the webhook (right when the answer goes out later through the REST API).
    static let empty = declaration + "<Response />"

    /// One reply message.
    static func message(_ text: String) -> String {
        declaration + "<Response><Message>" + escape(text) + "</Message></Response>"
    }

    /// Several reply messages, each its own `<Message>`.
    static func messages(_ texts: [String]) -> String {
        declaration + "<Response>" + texts.map { "<Message>" + escape($0) + "</Message>" }.joined() + "</Response>"
    }

    /// Escapes `&`, `<` and `>` and drops characters XML 1.0 cannot carry (control characters other
    /// than tab, line feed and carriage return; U+FFFE and U+FFFF).
    static func escape(_ text: String) -> String {
        // Nearly every text has nothing to escape or drop (0xEF starts U+FFFE and U+FFFF, among others).
        if !text.utf8.contains(where: {
            $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0xEF || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D)
        }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
