import Dialog
import Foundation
import GRDB

/// Mijn gegevens: what the inwoner agreed to (each consent as it stands, with the words they saw),
/// and whether they asked to have their data erased.
struct MijnGegevens {
    let web: WebContext
    let personID: Int64
    let language: Language
    let db: any SQLConnection

    func values() throws -> [String: Any] {
        let renderer = Renderer(catalog: web.catalog, language: language)
        let consents = try ConsentStore.standing(personID: personID, in: db).map { consent -> [String: Any] in
            var values: [String: Any] = [
                "purpose": consent.purpose, "subject": consent.subject ?? "", "granted": consent.granted,
                "about": web.texts.text(
                    web.texts.has("toestemming_\(consent.purpose)") ? "toestemming_\(consent.purpose)" : "toestemming_anders", language),
                "shown": consent.textShown,
                "day": renderer.format(.date(WebFormat.today(consent.givenAt), nil))
            ]
            // Taking part itself is withdrawn by STOP in the chat: that also stops every message.
            if consent.purpose == "deelname" { values["byStop"] = true }
            return values
        }
        let erasure = try AlertStore.open(inwonerID: personID, limit: 50, in: db).contains { $0.kind == "wissen_gevraagd" }
        return ["consents": consents, "hasConsents": !consents.isEmpty, "erasureAsked": erasure]
    }
}
