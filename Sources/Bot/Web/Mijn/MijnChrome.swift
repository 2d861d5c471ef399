import Dialog
import Foundation
import Hummingbird

/// What the inwoner's layout shows around every page: the words in their language, the menu and
/// the CSRF token once they are logged in.
struct MijnChrome {
    let web: WebContext
    let language: Language
    let session: InwonerSessionStore.Session?
    /// A page for someone who is not an inwoner (the omgeving's link): no Mijn Wegwijzer around it.
    var guest = false

    func page(title: String, _ values: [String: Any]) -> [String: Any] {
        var object = values
        object["title"] = title
        object["t"] = web.texts.all(language)
        object["lang"] = language.rawValue
        if guest { object["guest"] = true }
        if let session {
            object["loggedIn"] = true
            object["csrf"] = session.csrfToken
        }
        return object
    }

    /// Before login: the language asked for (`?lang=en`, a form's `lang`), else the browser's first choice.
    static func language(of request: Request, form: WebForm? = nil) -> Language {
        if let asked = form?["lang"] ?? request.uri.queryParameters.get("lang"), let language = Language(rawValue: asked) {
            return language
        }
        let accepted = request.headers[.acceptLanguage]?.lowercased() ?? ""
        return accepted.hasPrefix("en") ? .en : .nl
    }
}
