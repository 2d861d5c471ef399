import Dialog
import Foundation
import GRDB

/// Everything the professional sees about one inwoner, as values for `inwoner.mustache`.
struct InwonerPage {
    let web: WebContext
    let personID: Int64
    let now: Date
    let db: any SQLConnection

    func values() throws -> [String: Any] {
        guard let person = try PersonStore.profile(personID: personID, in: db) else { throw WebError.notFound }
        let name = person.name ?? ""
        let members = try NetworkStore.members(inwonerID: personID, in: db)
        let network = members.map { ["id": $0.id, "name": $0.name] as [String: Any] }
        let checkins = try self.checkins()
        let wishes = try self.wishes()
        let care = try self.care()
        let omgeving = try self.omgeving()
        // Read once: the module list and the spiegelbladen both show the modules, the plan and the
        // goal choice of the new-action form both show the goals.
        let progress = try IntakeStore.modules(personID: personID, in: db)
        let plan = try PlanRows.goals(personID: personID, in: db)
        return [
            "id": personID,
            "name": name.isEmpty ? "Inwoner \(WebFormat.masked(person.phone))" : name,
            "phone": person.phone ?? "-",
            "language": person.language == .en ? "Engels" : "Nederlands",
            "optedOut": person.optedOut,
            "since": WebFormat.day(person.createdAt),
            "modules": modules(progress),
            "spiegelbladen": try Standing(web: web, personID: personID, language: .nl, db: db).spiegelbladen(
                started: progress.map(\.module)),
            "radar": try Standing(web: web, personID: personID, language: .nl, db: db).radar().values,
            "strengths": try strengths(),
            "wishes": wishes,
            "hasWishes": !wishes.isEmpty,
            "care": care,
            "hasCare": !care.isEmpty,
            "omgeving": omgeving,
            "hasOmgeving": !omgeving.isEmpty,
            "networkPicture": networkPicture(members, plan: plan).values,
            "hasNetwork": !members.isEmpty,
            "checkins": checkins,
            "hasCheckins": !checkins.isEmpty,
            "goals": goals(plan, network: network),
            "ownerOptions": ownerOptions(network: network, selected: "inwoner"),
            "goalOptions": plan.map { ["id": $0.id, "text": $0.text] as [String: Any] },
            "notes": try notes(),
            "chatNotes": try chatNotes(),
            "alerts": try AlertList(web: web, db: db).open(inwonerID: personID),
            "transcript": try transcript()
        ]
    }

    private func modules(_ progress: [IntakeStore.ModuleProgress]) -> [[String: Any]] {
        let titles = ["m1": "Verkennen", "m2": "Verdiepen", "m3": "Vervullen"]
        return ["m1", "m2", "m3"].map { id in
            let module = progress.first { $0.module == id }
            let status =
                module?.completedAt.map { "klaar op \(WebFormat.day($0))" }
                ?? module.map { "bezig sinds \(WebFormat.day($0.startedAt))" } ?? "nog niet begonnen"
            return ["title": "Module \(id.dropFirst()): \(titles[id] ?? id)", "status": status, "done": module?.completedAt != nil]
        }
    }

    private func strengths() throws -> [[String: Any]] {
        let strengths = try IntakeStore.strengths(personID: personID, in: db)
        let kinds = [
            ("ik_ben", "Ik ben"), ("ik_kan", "Ik kan"), ("ik_heb", "Ik heb"), ("ik_wil", "Ik wil"),
            ("voor_anderen", "Ik doe voor anderen"), ("wil_voor_anderen", "Ik wil voor anderen doen")
        ]
        return kinds.map { kind, label in
            let items = strengths.filter { $0.kind == kind }.map { ["text": $0.text] }
            return ["label": label, "items": items, "empty": items.isEmpty]
        }
    }

    /// Module 2's wishes with what the inwoner said about each.
    private func wishes() throws -> [[String: Any]] {
        try IntakeStore.wishes(personID: personID, in: db).map { wish in
            let resources = { (has: Bool) -> [[String: Any]] in
                wish.resources.filter { $0.has == has }.map { resource in
                    let kinds = resource.kinds.map { web.label(ResourceReader.list, $0.rawValue) }
                    return ["text": resource.text, "kinds": kinds.isEmpty ? "soort niet genoemd" : kinds.joined(separator: ", ")]
                }
            }
            let has = resources(true)
            let lacks = resources(false)
            return [
                "leefgebied": wish.leefgebied.map { web.label("leefgebieden", $0) } ?? "", "wens": wish.wens ?? "",
                "behoefte": Self.told(wish.behoefte), "zelf": Self.told(wish.zelf), "hulp": wish.hulp ?? "",
                "has": has, "lacks": lacks, "hasResources": !has.isEmpty || !lacks.isEmpty
            ]
        }
    }

    /// The mantelzorg the inwoner receives and gives, with the hours per week.
    private func care() throws -> [[String: Any]] {
        try IntakeStore.care(personID: personID, in: db).map { care in
            [
                "direction": care.direction == "ontvangt" ? "krijgt zorg van" : "zorgt voor", "name": care.name ?? "onbekend",
                "hours": care.hours.map { "\(web.label("uren", $0)) per week" } ?? "niet bekend"
            ]
        }
    }

    /// The omgeving's views beside the inwoner's own scores. What the inwoner did not share shows
    /// only that a view was given, never its content.
    private func omgeving() throws -> [[String: Any]] {
        let status = ["invited": "uitgenodigd, nog niet verstuurd", "asked": "gevraagd, nog geen antwoord", "declined": "wil niet meedoen"]
        let own = try IntakeStore.scores(personID: personID, in: db)
        return try OmgevingStore.views(inwonerID: personID, in: db).map { view in
            var values: [String: Any] = [
                "viewId": view.id, "name": view.memberName, "relation": view.relation ?? "",
                "status": view.answeredAt.map { "heeft geantwoord op \(WebFormat.day($0))" } ?? status[view.status] ?? view.status
            ]
            // An invitation still open can also be answered in a browser, by a link the professional sends.
            if view.status == "invited" || view.status == "asked" { values["open"] = true }
            guard view.status == "answered" else { return values }
            guard view.share else {
                values["hidden"] = true
                return values
            }
            let comparison = OmgevingComparison(view: view, ownScores: own)
            values["shown"] = true
            values["rows"] = comparison.rows.map { row in
                [
                    "label": web.label("leefgebieden", row.leefgebied), "own": row.own.map(String.init) ?? "niet gegeven",
                    "other": row.other.map(String.init) ?? "weet niet", "talkAbout": row.talkAbout
                ] as [String: Any]
            }
            values["strengths"] = Self.told(view.strengths)
            values["offer"] = Self.told(view.offer)
            // What they offer can become an action with them as owner.
            if let offer = view.offer, !offer.isEmpty {
                values["action"] = ["what": String(offer.prefix(300)), "owner": "netwerk:\(view.memberID)"]
            }
            return values
        }
    }

    /// An answer as shown: "weet ik niet" or an empty one says so.
    private static func told(_ answer: String?) -> String {
        guard let answer, !answer.isEmpty else { return "niet ingevuld" }
        return answer
    }

    /// The members as circles around the inwoner, with their kinds of support, how close they
    /// are, the steps they take part in and whether they get reminders.
    private func networkPicture(_ members: [NetworkStore.Member], plan: [PlanRows.Goal]) -> NetworkPicture {
        let reminders = [
            "invited": "nee, nog geen antwoord op de uitnodiging", "accepted": "ja", "declined": "nee, wil niet",
            "stopped": "nee, gestopt"
        ]
        let actions = plan.flatMap(\.actions)
        let kinds = (web.library.flows[FlowLibrary.mainFlowID]?.lists["steun"] ?? []).map {
            NetworkPicture.Kind(key: $0, label: NetworkPicture.shortLabel(web.label("steun", $0)))
        }
        return NetworkPicture(
            members: members.map { member in
                NetworkPicture.Member(
                    name: member.name, relation: member.relation,
                    support: member.support, helps: member.helps, closeness: member.closeness, phone: WebFormat.masked(member.phone),
                    actions: actions.filter { $0.memberID == member.id }.map(\.what),
                    reminders: member.invitation.flatMap { reminders[$0] }
                        ?? (member.phone == nil ? "nee, geen telefoon" : "nee, nog niet gevraagd"))
            }, kinds: kinds)
    }

    /// The mantelzorgers' check-ins, and the inwoner's own as mantelzorger: the burden over time, with its trend.
    private func checkins() throws -> [[String: Any]] {
        var previous: [Int64: Int] = [:]
        return try CarerStore.checkins(about: personID, in: db).map { checkin in
            var trend = ""
            if checkin.kind == "quick", let score = checkin.score {
                if let before = previous[checkin.carerID] { trend = score > before ? "zwaarder" : score < before ? "lichter" : "gelijk" }
                previous[checkin.carerID] = score
            }
            return [
                "at": WebFormat.day(checkin.askedAt),
                "name": checkin.carerID == personID ? CarerCheckins.ownName : checkin.carerName ?? "mantelzorger",
                "kind": checkin.kind == "quick" ? "korte check-in (0–10)" : "vragenlijst \(checkin.kind)",
                "score": checkin.score.map(String.init) ?? (checkin.status == "unanswered" ? "geen antwoord" : "–"),
                "band": checkin.band ?? "", "trend": trend, "high": checkin.band == "hoog"
            ]
        }
    }

    private func goals(_ plan: [PlanRows.Goal], network: [[String: Any]]) -> [[String: Any]] {
        let today = WebFormat.today(now)
        return plan.enumerated().map { index, goal in
            let actions = goal.actions.map { action -> [String: Any] in
                let owner = action.ownerKind == "netwerk" ? "netwerk:\(action.memberID ?? 0)" : action.ownerKind
                let open = ActionFacts.openStatuses.contains(action.status)
                var values: [String: Any] = [
                    "id": action.id, "what": action.what, "formAction": "/inwoners/\(personID)/acties/\(action.id)",
                    "who": action.ownerKind == "netwerk" ? (action.memberName ?? "netwerk") : web.label("eigenaar", action.ownerKind),
                    "due": action.dueDate.map { WebFormat.day($0, action.dueTime) } ?? "geen datum",
                    "dueISO": action.dueDate?.description ?? "",
                    "status": web.label("status", action.status),
                    "overdue": open && (action.dueDate.map { $0 < today } ?? false),
                    "result": action.result ?? "",
                    "proposed": action.proposed,
                    "carrier": web.label(PlanCarrier.list, action.carrier.rawValue),
                    "via": action.via(web.library.socialMap, .nl) ?? "",
                    "ownerOptions": ownerOptions(network: network, selected: owner),
                    "statusOptions": ActionEditor.statuses.map {
                        ["value": $0, "label": web.label("status", $0), "selected": $0 == action.status]
                    }
                ]
                if let helped = action.helped { values["helped"] = "\(helped) van 10" }
                return values
            }
            var values: [String: Any] = [
                "rank": index + 1, "text": goal.text, "status": web.label("doelstatus", goal.status),
                "actions": actions, "hasActions": !actions.isEmpty,
                "mix": goal.mix.map { web.label(PlanCarrier.list, $0.rawValue) }.joined(separator: ", ")
            ]
            if let leefgebied = goal.leefgebied { values["leefgebied"] = web.label("leefgebieden", leefgebied) }
            if let before = goal.before { values["before"] = before }
            if let after = goal.after { values["after"] = after }
            return values
        }
    }

    func ownerOptions(network: [[String: Any]], selected: String) -> [[String: Any]] {
        var options: [[String: Any]] = [
            ["value": "inwoner", "label": "De inwoner zelf"], ["value": "professional", "label": "Ik (professional)"]
        ]
        for member in network {
            options.append(["value": "netwerk:\(member["id"] as? Int64 ?? 0)", "label": "\(member["name"] as? String ?? "") (netwerk)"])
        }
        return options.map { option in option.merging(["selected": (option["value"] as? String) == selected]) { a, _ in a } }
    }

    /// The professionals' notes, newest first.
    private func notes() throws -> [[String: Any]] {
        try NoteStore.byProfessionals(personID: personID, in: db).map {
            ["text": $0.text, "at": WebFormat.dateTime($0.createdAt), "by": $0.author ?? ""]
        }
    }

    /// What the inwoner told in the chat that answered no question: a note without a professional.
    private func chatNotes() throws -> [[String: Any]] {
        try NoteStore.fromChat(personID: personID, in: db).map { ["text": $0.text, "at": WebFormat.dateTime($0.createdAt)] }
    }

    private func transcript() throws -> [[String: Any]] {
        try MessageStore.transcript(personID: personID, limit: 300, in: db).map { line in
            [
                "inbound": line.inbound,
                "who": line.inbound ? (line.via == WebChat.together ? "Inwoner, samen ingevuld" : "Inwoner") : "Wegwijzer",
                "text": line.text,
                "at": WebFormat.dateTime(line.createdAt)
            ]
        }
    }
}
