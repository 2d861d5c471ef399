import Foundation

/// JSON bodies for outbound requests: sorted keys and unescaped slashes, so equal input gives equal bytes.
enum JSONBody {
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The wire structs only hold strings, integers, booleans and arrays of them: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
