import Foundation

/// An integer that may arrive as a JSON number or as a string of digits (WhatsApp sends `"1454119029"`).
struct LenientInt: Decodable, Sendable, Equatable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), text.utf8.count <= 20, let number = Int(text) {
            value = number
        } else {
            throw DecodingError.typeMismatch(
                Int.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an integer"))
        }
    }
}
