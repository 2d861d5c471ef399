import Crypto
import Foundation
import GRDB
import Hummingbird
import Logging

/// What the layout shows around every page: who is logged in, the CSRF token for the forms.
enum Chrome {
    static func page(session: WebSessionStore.Session?, title: String, _ values: [String: Any]) -> [String: Any] {
        var object = values
        object["title"] = title
        if let session {
            object["user"] = ["email": session.professional.email, "admin": session.professional.isAdmin]
            object["csrf"] = session.csrfToken
        }
        return object
    }
}
