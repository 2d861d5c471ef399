import Dialog
import Foundation
import GRDB
import Hummingbird

/// One request to a page of Mijn Wegwijzer, from a logged-in inwoner.
struct MijnRequest: Sendable {
    let request: Request
    let context: AppRequestContext
    let session: InwonerSessionStore.Session
    let language: Language
    /// The submitted form of a POST, its CSRF token checked.
    let form: WebForm
    let now: Date

    var personID: Int64 { session.personID }

    /// Runs a change of the inwoner's own plan or scores in one write transaction.
    func edit(_ web: WebContext, _ change: @escaping @Sendable (MijnChanges) throws -> Void) async throws {
        try await web.database.writer.write { db in
            try change(MijnChanges(service: web.service, personID: personID, now: now, db: db))
        }
    }

    /// An id in the path; a malformed one is a page that does not exist.
    func parameter(_ name: String) throws -> Int64 {
        guard let value = context.parameters.get(name), let id = Int64(value), id > 0 else { throw WebError.notFound }
        return id
    }
}
