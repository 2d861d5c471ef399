import Crypto
import Foundation

/// The provider vectors shipped in Tests/Fixtures/vectors.json.
enum VectorFile {
    struct Missing: Error { let id: String }

    static func vector(_ id: String) throws -> [String: Any] {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/vectors.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let all = root?["vectors"] as? [[String: Any]] ?? []
        guard let found = all.first(where: { $0["id"] as? String == id }) else { throw Missing(id: id) }
        return found
    }
}

func hmacHex(_ body: String, _ secret: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
    return mac.map { String(format: "%02x", $0) }.joined()
}
