import Dialog
import Foundation
import GRDB

/// Waar sta ik: the spiegelbladen of the modules reached, and the leefgebied scores (first and
/// latest) as the chart the professional sees, with a table that also holds the forms to rate a
/// leefgebied again or mark "hier wil ik over praten".
struct MijnStand {
    let web: WebContext
    let personID: Int64
    let language: Language
    let db: any SQLConnection

    func values() throws -> [String: Any] {
        let standing = Standing(web: web, personID: personID, language: language, db: db)
        let radar = try standing.radar()
        let modules = try IntakeStore.modules(personID: personID, in: db).map(\.module)
        let spiegelbladen = try standing.spiegelbladen(started: modules).map { blad -> [String: Any] in
            var blad = blad
            blad["title"] = web.texts.text("spiegel_module_\(blad["module"] ?? "")", language)
            return blad
        }
        return [
            "spiegelbladen": spiegelbladen,
            "hasSpiegelbladen": !spiegelbladen.isEmpty,
            "radar": radar.values,
            "scores": (0...10).map { ["value": $0] },
            "rows": radar.axes.map { axis -> [String: Any] in
                var row: [String: Any] = [
                    "key": axis.key, "label": axis.label, "first": radar.cell(axis.first, axis), "latest": radar.cell(axis.latest, axis)
                ]
                if let since = axis.talkSince {
                    row["talkSince"] = Renderer(catalog: web.catalog, language: language).format(.date(WebFormat.today(since), nil))
                }
                return row
            }
        ]
    }
}
