import Foundation
import GRDB

/// Alerts for the professional: signs of a crisis, mantelzorg, stuck questions, network members who
/// declined or stopped, actions overdue or follow-ups unanswered, requests for help. Each belongs to
/// one inwoner. Urgent ones (a crisis) come first.
struct AlertList {
    let web: WebContext
    let db: Database

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
        "mantelzorg_overbelast": "Mantelzorger dreigt overbelast",
        "mantelzorg_stijgend": "Zorg voelt steeds zwaarder",
        "mantelzorg_onvolledig": "Vragenlijst mantelzorger onvolledig",
        "mantelzorg_geen_antwoord": "Mantelzorger antwoordt niet",
        "bewaartermijn": "Bewaartermijn: gegevens worden binnenkort gewist",
    ]

    /// The inwoner an alert is about: the person `p` it was raised for, or the inwoner whose network
    /// member or mantelzorger `p` is. The one rule for the alerts page and the caseload's count.
    static func inwoner(ofAlertPerson p: String) -> String {
        """
        CASE WHEN \(p).role = 'inwoner' THEN \(p).id ELSE COALESCE(
            (SELECT n.personId FROM networkMember n WHERE n.memberPersonId = \(p).id ORDER BY n.id LIMIT 1),
            (SELECT m.personId FROM mantelzorg m WHERE m.carerPersonId = \(p).id ORDER BY m.id LIMIT 1)) END
        """
    }

    /// Open alerts of one professional's caseload (or of one inwoner): urgent ones first, then oldest first.
    func open(professionalID: Int64? = nil, inwonerID: Int64? = nil) throws -> [[String: Any]] {
        try list(handled: false, professionalID: professionalID, inwonerID: inwonerID, limit: 500)
    }

    func handled(professionalID: Int64, limit: Int) throws -> [[String: Any]] {
        try list(handled: true, professionalID: professionalID, inwonerID: nil, limit: limit)
    }

    /// The inwoner an alert belongs to, if it is on this professional's caseload.
    func owner(alertID: Int64, professionalID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT i.id FROM alert a JOIN person p ON p.id = a.personId JOIN person i ON i.id = (\(Self.inwoner(ofAlertPerson: "p")))
            WHERE a.id = ? AND i.professionalId = ?
            """, arguments: [alertID, professionalID])
    }

    private func list(handled: Bool, professionalID: Int64?, inwonerID: Int64?, limit: Int) throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: """
            SELECT a.id, a.kind, a.node, a.detail, a.urgent, a.createdAt, a.handledAt, a.note, i.id AS inwonerId,
                   COALESCE(i.name, '') AS inwoner, p.role, COALESCE(p.name, '') AS about
            FROM alert a JOIN person p ON p.id = a.personId JOIN person i ON i.id = (\(Self.inwoner(ofAlertPerson: "p")))
            WHERE (a.handledAt IS NULL) = ? AND (?2 IS NULL OR i.professionalId = ?2) AND (?3 IS NULL OR i.id = ?3)
            ORDER BY \(handled ? "a.handledAt DESC" : "a.urgent DESC, a.createdAt, a.id") LIMIT ?4
            """, arguments: [!handled, professionalID, inwonerID, limit]).map { row in
            let kind: String = row["kind"]
            let role: String = row["role"]
            let about: String = row["about"]
            var detail = row["detail"] as String? ?? ""
            if detail.isEmpty, let node: String = row["node"] { detail = "bij vraag \(node)" }
            if role != "inwoner" { detail = "\(role == "netwerk" ? "Netwerklid" : "Mantelzorger") \(about): \(detail)" }
            let inwoner: String = row["inwoner"]
            let crisis: Bool = row["urgent"]
            return ["id": row["id"] as Int64, "kind": Self.kinds[kind] ?? kind, "detail": detail, "crisis": crisis,
                    "at": WebFormat.dateTime(row["createdAt"] as Date), "inwonerId": row["inwonerId"] as Int64,
                    "inwoner": inwoner.isEmpty ? "Inwoner" : inwoner,
                    "handledAt": (row["handledAt"] as Date?).map(WebFormat.dateTime) ?? "", "note": row["note"] as String? ?? "",
                    "urgent": crisis || kind.hasPrefix("mantelzorg_overbelast") || kind == "hulp_gevraagd" || kind == "contact"]
        }
    }
}
