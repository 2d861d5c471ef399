import Dialog
import Foundation
import GRDB

/// Everything the professional sees about one inwoner, as values for `inwoner.mustache`.
struct InwonerPage {
    let web: WebContext
    let personID: Int64
    let now: Date
    let db: Database

    func values() throws -> [String: Any] {
        guard let person = try Row.fetchOne(db, sql: "SELECT name, phone, language, optedOut, createdAt FROM person WHERE id = ?",
                                            arguments: [personID]) else { throw WebError.notFound }
        let name: String = person["name"] ?? ""
        let network = try self.network()
        let checkins = try self.checkins()
        return [
            "id": personID,
            "name": name.isEmpty ? "Inwoner \(WebFormat.masked(person["phone"]))" : name,
            "phone": person["phone"] as String? ?? "-",
            "language": (person["language"] as String) == "en" ? "Engels" : "Nederlands",
            "optedOut": person["optedOut"] as Bool,
            "since": WebFormat.day(person["createdAt"] as Date),
            "modules": try modules(),
            "spiegelbladen": try spiegelbladen(),
            "radar": try radar().values,
            "strengths": try strengths(),
            "network": network,
            "hasNetwork": !network.isEmpty,
            "checkins": checkins,
            "hasCheckins": !checkins.isEmpty,
            "goals": try goals(network: network),
            "ownerOptions": ownerOptions(network: network, selected: "inwoner"),
            "goalOptions": try Row.fetchAll(db, sql: "SELECT id, text FROM goal WHERE personId = ? ORDER BY rank, id", arguments: [personID])
                .map { ["id": $0["id"] as Int64, "text": $0["text"] as String] as [String: Any] },
            "notes": try notes(),
            "chatNotes": try chatNotes(),
            "alerts": try AlertList(web: web, db: db).open(inwonerID: personID),
            "transcript": try transcript(),
        ]
    }

    private func modules() throws -> [[String: Any]] {
        let rows = try Row.fetchAll(db, sql: "SELECT module, startedAt, completedAt FROM moduleProgress WHERE personId = ?", arguments: [personID])
        let titles = ["m1": "Verkennen", "m2": "Verdiepen", "m3": "Vervullen"]
        return ["m1", "m2", "m3"].map { id in
            let row = rows.first { ($0["module"] as String) == id }
            let status = (row?["completedAt"] as Date?).map { "klaar op \(WebFormat.day($0))" }
                ?? (row?["startedAt"] as Date?).map { "bezig sinds \(WebFormat.day($0))" } ?? "nog niet begonnen"
            return ["title": "Module \(id.dropFirst()): \(titles[id] ?? id)", "status": status, "done": row?["completedAt"] as Date? != nil]
        }
    }

    /// The spiegelblad of each module the inwoner has reached, worded by the flow's own texts.
    private func spiegelbladen() throws -> [[String: Any]] {
        guard let state = try ConversationStore.state(personID: personID, flowID: FlowLibrary.mainFlowID, in: db) else { return [] }
        let started = try String.fetchAll(db, sql: "SELECT module FROM moduleProgress WHERE personId = ?", arguments: [personID])
        let renderer = Renderer(catalog: web.catalog, language: .nl)
        return (1...3).filter { started.contains("m\($0)") }.map { module in
            let text = renderer.render("spiegel.m\(module)", vars: state.vars).trimmingCharacters(in: .whitespacesAndNewlines)
            return ["module": module, "lines": text.split(separator: "\n").map { ["line": String($0)] }]
        }
    }

    private func radar() throws -> RadarChart {
        let keys = web.library.flows[FlowLibrary.mainFlowID]?.lists["leefgebieden"] ?? []
        let rows = try Row.fetchAll(db, sql: "SELECT leefgebied, score FROM score WHERE personId = ? ORDER BY createdAt, id", arguments: [personID])
        var first: [String: Int] = [:]
        var latest: [String: Int] = [:]
        for row in rows {
            let key: String = row["leefgebied"]
            if first[key] == nil { first[key] = row["score"] }
            latest[key] = row["score"]
        }
        return RadarChart(axes: keys.map { RadarChart.Axis(label: web.label("leefgebieden", $0), first: first[$0], latest: latest[$0]) })
    }

    private func strengths() throws -> [[String: Any]] {
        let rows = try Row.fetchAll(db, sql: "SELECT kind, text FROM strength WHERE personId = ? ORDER BY id", arguments: [personID])
        return [("ik_ben", "Ik ben"), ("ik_kan", "Ik kan"), ("ik_heb", "Ik heb"), ("ik_wil", "Ik wil")].map { kind, label in
            let items = rows.filter { ($0["kind"] as String) == kind }.map { ["text": $0["text"] as String] }
            return ["label": label, "items": items, "empty": items.isEmpty]
        }
    }

    private func network() throws -> [[String: Any]] {
        let invitation = ["invited": "uitgenodigd", "accepted": "doet mee", "declined": "wil niet", "stopped": "gestopt"]
        return try Row.fetchAll(db, sql: "SELECT id, name, relation, helps, phone, invitation FROM networkMember WHERE personId = ? ORDER BY id",
                                arguments: [personID]).map { row in
            ["id": row["id"] as Int64, "name": row["name"] as String, "relation": row["relation"] as String? ?? "",
             "helps": row["helps"] as String? ?? "", "phone": WebFormat.masked(row["phone"]),
             "invitation": (row["invitation"] as String?).flatMap { invitation[$0] } ?? (row["phone"] as String? == nil ? "geen telefoon" : "nog niet gevraagd")]
        }
    }

    /// The mantelzorgers' check-ins: the burden over time, with its trend.
    private func checkins() throws -> [[String: Any]] {
        var previous: [Int64: Int] = [:]
        return try Row.fetchAll(db, sql: """
            SELECT c.carerPersonId, c.kind, c.status, c.score, c.band, c.askedAt, COALESCE(p.name, 'mantelzorger') AS name
            FROM checkin c JOIN person p ON p.id = c.carerPersonId WHERE c.inwonerId = ? ORDER BY c.id
            """, arguments: [personID]).map { row in
            let carer: Int64 = row["carerPersonId"]
            let kind: String = row["kind"]
            let score: Int? = row["score"]
            var trend = ""
            if kind == "quick", let score {
                if let before = previous[carer] { trend = score > before ? "zwaarder" : score < before ? "lichter" : "gelijk" }
                previous[carer] = score
            }
            let status: String = row["status"]
            return ["at": WebFormat.day(row["askedAt"] as Date), "name": row["name"] as String,
                    "kind": kind == "quick" ? "korte check-in (0–10)" : "vragenlijst \(kind)",
                    "score": score.map(String.init) ?? (status == "unanswered" ? "geen antwoord" : "–"),
                    "band": row["band"] as String? ?? "", "trend": trend, "high": (row["band"] as String?) == "hoog"]
        }
    }

    private func goals(network: [[String: Any]]) throws -> [[String: Any]] {
        let today = WebFormat.today(now)
        return try PlanRows.goals(personID: personID, in: db).enumerated().map { index, goal in
            let actions = goal.actions.map { action -> [String: Any] in
                let owner = action.ownerKind == "netwerk" ? "netwerk:\(action.memberID ?? 0)" : action.ownerKind
                let open = ["gepland", "bezig", "uitgesteld"].contains(action.status)
                var values: [String: Any] = [
                    "id": action.id, "what": action.what, "formAction": "/inwoners/\(personID)/acties/\(action.id)",
                    "who": action.ownerKind == "netwerk" ? (action.memberName ?? "netwerk") : web.label("eigenaar", action.ownerKind),
                    "due": action.dueDate.map { WebFormat.day($0, action.dueTime) } ?? "geen datum",
                    "dueISO": action.dueDate?.description ?? "",
                    "status": web.label("status", action.status),
                    "overdue": open && (action.dueDate.map { $0 < today } ?? false),
                    "result": action.result ?? "",
                    "ownerOptions": ownerOptions(network: network, selected: owner),
                    "statusOptions": ActionEditor.statuses.map { ["value": $0, "label": web.label("status", $0), "selected": $0 == action.status] },
                ]
                if let helped = action.helped { values["helped"] = "\(helped) van 10" }
                return values
            }
            var values: [String: Any] = ["rank": index + 1, "text": goal.text, "status": web.label("doelstatus", goal.status),
                                         "actions": actions, "hasActions": !actions.isEmpty]
            if let leefgebied = goal.leefgebied { values["leefgebied"] = web.label("leefgebieden", leefgebied) }
            if let before = goal.before { values["before"] = before }
            if let after = goal.after { values["after"] = after }
            return values
        }
    }

    func ownerOptions(network: [[String: Any]], selected: String) -> [[String: Any]] {
        var options: [[String: Any]] = [["value": "inwoner", "label": "De inwoner zelf"], ["value": "professional", "label": "Ik (professional)"]]
        for member in network {
            options.append(["value": "netwerk:\(member["id"] as? Int64 ?? 0)", "label": "\(member["name"] as? String ?? "") (netwerk)"])
        }
        return options.map { option in option.merging(["selected": (option["value"] as? String) == selected]) { a, _ in a } }
    }

    /// The professionals' notes, newest first.
    private func notes() throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: """
            SELECT n.text, n.createdAt, p.email FROM note n JOIN professional p ON p.id = n.professionalId
            WHERE n.personId = ? ORDER BY n.id DESC
            """, arguments: [personID]).map { ["text": $0["text"] as String, "at": WebFormat.dateTime($0["createdAt"] as Date),
                                              "by": $0["email"] as String] }
    }

    /// What the inwoner told in the chat that answered no question: a note without a professional.
    private func chatNotes() throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: "SELECT text, createdAt FROM note WHERE personId = ? AND professionalId IS NULL ORDER BY id DESC",
                         arguments: [personID]).map { ["text": $0["text"] as String, "at": WebFormat.dateTime($0["createdAt"] as Date)] }
    }

    private func transcript() throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: """
            SELECT direction, text, createdAt FROM (SELECT id, direction, text, createdAt FROM message WHERE personId = ? ORDER BY id DESC LIMIT 300)
            ORDER BY id
            """, arguments: [personID]).map { row in
            let inbound = (row["direction"] as String) == "in"
            return ["inbound": inbound, "who": inbound ? "Inwoner" : "Wegwijzer", "text": row["text"] as String,
                    "at": WebFormat.dateTime(row["createdAt"] as Date)]
        }
    }
}
