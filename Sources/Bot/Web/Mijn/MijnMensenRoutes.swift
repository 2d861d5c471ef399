import Foundation
import GRDB
import Hummingbird

/// Mijn mensen (`/mijn/mensen`): read only; the network is changed in the conversation.
struct MijnMensenRoutes {
    let web: WebContext

    func register(on mijn: MijnRouter) {
        mijn.get("mijn/mensen") { page in
            try await web.database.reader.read { db in
                let values = try MijnMensen(web: web, personID: page.personID, language: page.language, db: db).values()
                let chrome = MijnChrome(web: web, language: page.language, session: page.session)
                return web.pages.render("mijn-mensen", chrome.page(title: web.texts.text("mensen_titel", page.language), values))
            }
        }
    }
}
