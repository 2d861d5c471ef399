import Foundation
import GRDB
import Hummingbird

/// Mijn mensen (`/mijn/mensen`): read only; the network is changed in the conversation.
struct MijnMensenRoutes {
    let web: WebContext

    func register(on mijn: MijnRouter) {
        mijn.get("mijn/mensen") { page in
            try await web.database.read { db in
                page.render(
                    web, "mijn-mensen", title: "mensen_titel",
                    try MijnMensen(web: web, personID: page.personID, language: page.language, db: db).values())
            }
        }
    }
}
