import Crypto
import Foundation
import GRDB
import Hummingbird
import Logging

/// One request to a page of the web view, from a logged-in professional.
struct WebRequest: Sendable {
    let request: Request
    let context: AppRequestContext
    let session: WebSessionStore.Session
    /// The submitted form of a POST, its CSRF token checked.
    let form: WebForm
    let now: Date

    var professionalID: Int64 { session.professional.id }

    func parameter(_ name: String) throws -> Int64 {
        guard let value = context.parameters.get(name), let id = Int64(value), id > 0 else { throw WebError.notFound }
        return id
    }
}
