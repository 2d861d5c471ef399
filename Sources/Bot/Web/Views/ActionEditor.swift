import Dialog
import Foundation
import GRDB

/// The professional adds, changes, reassigns or closes an action. The jobs are planned anew and
/// the owner hears about it by message, through the outbox, in the same transaction.
struct ActionEditor {
    static let statuses = ["gepland", "bezig", "gedaan", "niet_gelukt", "uitgesteld", "vervallen"]

    let service: ConversationService
    let personID: Int64
    let now: Date
    let db: any SQLConnection

    struct Change {
        var what: String
        var owner: String
        var due: LocalDate?
        var status: String
        var result: String?
    }

    /// Reads and checks the form fields; the reason is shown to the professional.
    /// `owner` is fixed by the form itself (a referral is the professional's), else the form says it.
    static func change(from form: WebForm, requireStatus: Bool, owner fixedOwner: String? = nil) throws -> Change {
        guard let what = form.text("wat") else { throw WebError.badRequest("Vul in wat er moet gebeuren.") }
        guard what.count <= 300 else { throw WebError.badRequest("De omschrijving is te lang (meer dan 300 tekens).") }
        guard let owner = fixedOwner ?? form.text("wie") else { throw WebError.badRequest("Kies wie het doet.") }
        var due: LocalDate?
        if let text = form.text("datum") {
            guard let day = LocalDate(iso: text), day.isValid else {
                throw WebError.badRequest("De datum '\(text)' klopt niet (jjjj-mm-dd).")
            }
            due = day
        }
        let status = form.text("status") ?? "gepland"
        guard statuses.contains(status), requireStatus || status == "gepland" else { throw WebError.badRequest("Onbekende status.") }
        let result = form.text("resultaat")
        if let result, result.count > 500 { throw WebError.badRequest("Het resultaat is te lang (meer dan 500 tekens).") }
        return Change(what: what, owner: owner, due: due, status: status, result: result)
    }

    /// The specialist of a referral, checked; the reason is shown to the professional.
    static func specialist(from form: WebForm) throws -> String {
        guard let specialist = form.text("specialist") else { throw WebError.badRequest("Vul in naar wie je verwijst.") }
        guard specialist.count <= 100 else { throw WebError.badRequest("De naam van de specialist is te lang (meer dan 100 tekens).") }
        return specialist
    }

    /// A new action under an existing goal, or under a new goal with the given text. With a
    /// `specialist` it is the professional's referral, carried by specialist help.
    func add(_ change: Change, goalID: Int64?, newGoal: String?, specialist: String? = nil) throws -> Int64 {
        let goal: Int64
        if let goalID {
            guard try PlanStore.hasGoal(goalID, personID: personID, in: db) else {
                throw WebError.badRequest("Kies een doel van deze inwoner.")
            }
            goal = goalID
        } else if let newGoal {
            goal = try PlanStore.addGoal(personID: personID, text: newGoal, at: now, in: db)
        } else {
            throw WebError.badRequest("Kies een doel of vul een nieuw doel in.")
        }
        let owner = try checkedOwner(change.owner)
        let actionID = try PlanStore.addAction(
            personID: personID, goalID: goal, what: change.what, owner: owner, due: change.due, specialist: specialist,
            at: now, in: db)
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        try tell(actionID: actionID, owner: owner, key: "melding.web.nieuw")
        return actionID
    }

    func update(actionID: Int64, _ change: Change) throws {
        guard let old = try PlanStore.owner(actionID: actionID, personID: personID, in: db) else { throw WebError.notFound }
        let owner = try checkedOwner(change.owner)
        let closed = ["gedaan", "vervallen", "niet_gelukt"].contains(change.status)
        // Settled before the words may change, so that the proposal's signal is found by them.
        let wasProposal = try PlanStore.settleProposal(actionID: actionID, personID: personID, at: now, in: db)
        try PlanStore.updateAction(
            actionID, personID: personID, what: change.what, owner: owner, due: change.due, status: change.status,
            result: change.result, closedAt: closed ? now : nil, in: db)
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        // A change to a proposal is the professional's answer to it: the inwoner hears it, unless
        // the action is now theirs (then they hear it as its new owner below).
        if wasProposal, owner.kind != "inwoner" {
            try tell(actionID: actionID, owner: PlanStore.Owner(kind: "inwoner", memberID: nil), key: "melding.web.voorstel_anders")
        }
        if old != owner {
            try tell(actionID: actionID, owner: old, key: "melding.web.overgenomen")
            try tell(actionID: actionID, owner: owner, key: "melding.web.nieuw")
        } else {
            try tell(actionID: actionID, owner: owner, key: closed ? "melding.web.afgesloten" : "melding.web.gewijzigd")
        }
    }

    /// The professional takes on an action the inwoner proposed to them; the inwoner hears it.
    func accept(actionID: Int64) throws {
        guard try PlanStore.owner(actionID: actionID, personID: personID, in: db) != nil else { throw WebError.notFound }
        guard try PlanStore.settleProposal(actionID: actionID, personID: personID, at: now, in: db) else {
            throw WebError.badRequest("Deze actie is geen voorstel (meer).")
        }
        try tell(actionID: actionID, owner: PlanStore.Owner(kind: "inwoner", memberID: nil), key: "melding.web.voorstel_aangenomen")
    }

    /// `inwoner`, `professional` or `netwerk:<member id>` of this inwoner's network.
    private func checkedOwner(_ value: String) throws -> PlanStore.Owner {
        if value == "inwoner" || value == "professional" { return PlanStore.Owner(kind: value, memberID: nil) }
        if value.hasPrefix("netwerk:"), let id = Int64(value.dropFirst("netwerk:".count)),
            try NetworkStore.isMember(id, of: personID, in: db)
        {
            return PlanStore.Owner(kind: "netwerk", memberID: id)
        }
        throw WebError.badRequest("Kies wie het doet: de inwoner, jij, of iemand uit het netwerk.")
    }

    /// The inwoner, or a network member who said JA (one who has not been asked yet gets the invitation instead).
    func tell(actionID: Int64, owner: PlanStore.Owner, key: String) throws {
        var recipient: Int64?
        switch owner.kind {
        case "inwoner": recipient = personID
        case "netwerk": recipient = try owner.memberID.flatMap { try NetworkStore.acceptedPerson(memberID: $0, in: db) }
        default: recipient = nil
        }
        // Nobody who said STOP hears about it (an unknown person counts as stopped).
        guard let recipient, try !PersonStore.optedOut(personID: recipient, in: db) else { return }
        guard case .record(let action) = try ActionVars.action(actionID, in: db) else { return }
        _ = try Notice.queue(
            key, vars: ["wat": action["wat"] ?? .none, "wanneer": action["wanneer"] ?? .none],
            to: recipient, library: service.library, at: now, in: db)
    }
}
