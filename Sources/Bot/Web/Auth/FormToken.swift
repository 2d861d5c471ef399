import Foundation
import Hummingbird

/// The token of a form that is posted without a session (a login, the omgeving's link page): the
/// page sets it as a cookie and as the hidden field `_login`, and a post counts only when the two
/// match. Another site can make a browser post the form, but cannot read or set the cookie.
struct FormToken: Sendable {
    let cookie: String

    /// A new token, and the cookie that carries it (an hour: long enough to fill in a form).
    func issue(_ web: WebContext) -> (token: String, cookie: Cookie) {
        let token = WebSessionStore.randomToken()
        return (token, web.cookie(cookie, token, maxAge: 3600))
    }

    func matches(_ form: WebForm, _ request: Request) -> Bool {
        guard let sent = form["_login"], let expected = request.cookies[cookie]?.value else { return false }
        return WebRouter.equal(sent, expected)
    }

    /// The cookie that removes the token once the form did its work.
    func cleared(_ web: WebContext) -> Cookie {
        web.cookie(cookie, "", maxAge: 0)
    }
}
