import Foundation

/// An HTTP request to a provider, as a plain value: built by pure code, sent elsewhere.
struct OutboundRequest: Sendable, Equatable {
    var method: String
    var url: String
    /// Header names and values in order.
    var headers: [(String, String)]
    var body: Data

    /// The first value of a header, the name compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    static func == (lhs: OutboundRequest, rhs: OutboundRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.count == rhs.headers.count
            && zip(lhs.headers, rhs.headers).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}
