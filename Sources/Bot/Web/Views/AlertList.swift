import Foundation
import GRDB

/// Alerts for the professional: signs of a crisis, mantelzorg, stuck questions, network members who
/// declined or stopped, actions overdue or follow-ups unanswered, requests for help. Each belongs to
/// one inwoner. Urgent ones (a crisis) come first.
struct AlertList {
    let web: WebContext
    let db: any SQLConnection

    static let kinds = [
        "crisis": "Crisis: direct contact opnemen",
        "contact": "Inwoner vraagt om contact",
        "opvolging_onbeantwoord": "Opvolging niet beantwoord",
        "stuck_question": "Vraag 3 keer niet gelukt",
        "flow_error": "Fout in het gesprek",
        "netwerk_geweigerd": "Netwerklid wil niet helpen",
        "netwerk_gestopt": "Netwerklid is gestopt",
        "actie_verlopen": "Actie verlopen zonder antwoord",
        "hulp_gevraagd": "Inwoner vraagt om contact",
        "datum_afspreken": "Stap zonder datum: samen een dag afspreken",
        "actie_voorstel": "De inwoner stelt voor dat jij een stap doet: aannemen of iets anders voorstellen",
        "mantelzorg_overbelast": "Mantelzorger dreigt overbelast",
        "mantelzorg_stijgend": "Zorg voelt steeds zwaarder",
        "mantelzorg_onvolledig": "Vragenlijst mantelzorger onvolledig",
        "mantelzorg_geen_antwoord": "Mantelzorger antwoordt niet",
        "bewaartermijn": "Bewaartermijn: gegevens worden binnenkort gewist",
        "online_gewijzigd": "De inwoner heeft het plan online aangepast",
        "online_cijfer": "De inwoner gaf een leefgebied online een nieuw cijfer",
        "online_notitie": "De inwoner schreef je een notitie (Mijn Wegwijzer)",
        "wissen_gevraagd": "De inwoner vraagt om wissen van de gegevens: jij beslist en laat het weten",
        "toestemming_ingetrokken": "De inwoner heeft een toestemming ingetrokken: zorg dat het niet meer gebeurt"
    ]

    /// Open alerts of one professional's caseload (or of one inwoner): urgent ones first, then oldest first.
    func open(professionalID: Int64? = nil, inwonerID: Int64? = nil) throws -> [[String: Any]] {
        try AlertStore.open(professionalID: professionalID, inwonerID: inwonerID, limit: 500, in: db).map(values)
    }

    func handled(professionalID: Int64, limit: Int) throws -> [[String: Any]] {
        try AlertStore.handled(professionalID: professionalID, limit: limit, in: db).map(values)
    }

    private func values(_ alert: AlertStore.Listed) -> [String: Any] {
        var detail = alert.detail ?? ""
        if detail.isEmpty, let node = alert.node { detail = "bij vraag \(node)" }
        if alert.role != "inwoner" { detail = "\(alert.role == "netwerk" ? "Netwerklid" : "Mantelzorger") \(alert.aboutName): \(detail)" }
        let kind = alert.kind
        return [
            "id": alert.id, "kind": Self.kinds[kind] ?? kind, "detail": detail, "crisis": alert.urgent,
            "at": WebFormat.dateTime(alert.createdAt), "inwonerId": alert.inwonerID,
            "inwoner": alert.inwonerName.isEmpty ? "Inwoner" : alert.inwonerName,
            "handledAt": alert.handledAt.map(WebFormat.dateTime) ?? "", "note": alert.note ?? "",
            "urgent": alert.urgent || kind.hasPrefix("mantelzorg_overbelast") || kind == "hulp_gevraagd" || kind == "contact"
        ]
    }
}
