import Foundation

/// URL handling for the Twilio signature check, on the exact text of the URL (never re-encoded).
enum TwilioURL {
    /// The URL as given plus, for http and https, the same URL with the default port added when it
    /// has none, or removed when it is the default one. Other ports are kept as they are.
    static func portVariants(of url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else { return [url] }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let defaultPort: String
        switch scheme {
        case "https": defaultPort = "443"
        case "http": defaultPort = "80"
        default: return [url]
        }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        let hostStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let hostPort = authority[hostStart...]
        // The port colon comes after an IPv6 literal's closing bracket.
        let searchFrom = hostPort.lastIndex(of: "]") ?? hostPort.startIndex
        if let colon = hostPort[searchFrom...].lastIndex(of: ":") {
            let port = hostPort[hostPort.index(after: colon)...]
            guard port == defaultPort else { return [url] }
            return [url, String(url[..<colon]) + String(url[authorityEnd...])]
        }
        return [url, String(url[..<authorityEnd]) + ":" + defaultPort + String(url[authorityEnd...])]
    }

    /// The `bodySHA256` query parameter of a URL, lowercased, or nil when there is none.
    static func bodySHA256(in url: String) -> String? {
        guard let questionMark = url.firstIndex(of: "?") else { return nil }
        let afterQuery = url[url.index(after: questionMark)...]
        let query = afterQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let pairs = FormURLEncoded.decode(Array(query.utf8)) else { return nil }
        return pairs.first { $0.0 == "bodySHA256" }.map { $0.1.lowercased() }
    }
}
