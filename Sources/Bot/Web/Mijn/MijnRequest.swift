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

    /// A page of Mijn Wegwijzer in the inwoner's layout and language. The message that `?melding=`
    /// names is shown when it is one of `notices` (its text is `melding_<name>`).
    func render(
        _ web: WebContext, _ template: String, title key: String, notices: Set<String> = [], _ values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        if let notice = request.uri.queryParameters.get("melding").map({ String($0) }), notices.contains(notice) {
            values["notice"] = web.texts.text("melding_\(notice)", language)
        }
        let title = values["title"] as? String ?? web.texts.text(key, language)
        return web.pages.render(
            template, MijnChrome(web: web, language: language, session: session).page(title: title, values), status: status)
    }

    /// Runs a change of the inwoner's own plan or scores in one write transaction.
    func edit(_ web: WebContext, _ change: @escaping @Sendable (MijnChanges) throws -> Void) async throws {
        try await web.database.write { db in
            try change(MijnChanges(service: web.service, personID: personID, now: now, db: db))
        }
    }

    /// An id in the path; a malformed one is a page that does not exist.
    func parameter(_ name: String) throws -> Int64 {
        guard let value = context.parameters.get(name), let id = Int64(value), id > 0 else { throw WebError.notFound }
        return id
    }
}
