import Foundation

/// Decoding of JSON webhook bodies into private wire structs, with ``PayloadError`` reasons that name
/// the field (`missing field 'message.chat.id'`).
enum JSONPayload {
    /// Decodes `data` as `T`, refusing empty and oversized bodies.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, maxBytes: Int) -> Result<T, PayloadError> {
        guard !data.isEmpty else { return .failure(.emptyBody) }
        guard data.count <= maxBytes else { return .failure(.tooLarge(limit: maxBytes)) }
        do {
            return .success(try JSONDecoder().decode(T.self, from: data))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
            {
                // Foundation reports a number that does not fit its field (1.5 or 1e20 for an integer)
                // as corrupt data without a path.
                return .failure(PayloadError("body has a number that does not fit its field"))
            }
            return .failure(payloadError(for: error))
        } catch {
            return .failure(.invalidJSON)
        }
    }

    /// A short reason for a decoding error.
    static func payloadError(for error: DecodingError) -> PayloadError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missing(path(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            return context.codingPath.isEmpty
                ? PayloadError("body is not a JSON object") : PayloadError("field '\(path(context.codingPath))' is null")
        case .typeMismatch(_, let context):
            return context.codingPath.isEmpty
                ? PayloadError("body is not a JSON object") : .wrongType(path(context.codingPath))
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? .invalidJSON : .invalid(path(context.codingPath))
        @unknown default:
            return .invalidJSON
        }
    }

    /// `entry[0].changes[1].value` style.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}
