import Foundation

/// A submitted HTML form (`application/x-www-form-urlencoded`).
struct WebForm: Sendable {
    let pairs: [(String, String)]

    subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name }?.1
    }

    /// The trimmed value, nil when missing or empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
