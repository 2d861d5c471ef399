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
    let db: Database

    struct Change {
        var what: String
        var owner: String
        var due: LocalDate?
        var status: String
        var result: String?
    }

    /// Reads and checks the form fields; the reason is shown to the professional.
    static func change(from form: WebForm, requireStatus: Bool) throws -> Change {
        guard let what = form.text("wat") else { throw WebError.badRequest("Vul in wat er moet gebeuren.") }
        guard what.count <= 300 else { throw WebError.badRequest("De omschrijving is te lang (meer dan 300 tekens).") }
        guard let owner = form.text("wie") else { throw WebError.badRequest("Kies wie het doet.") }
        var due: LocalDate?
        if let text = form.text("datum") {
            guard let day = LocalDate(iso: text), day.isValid else { throw WebError.badRequest("De datum '\(text)' klopt niet (jjjj-mm-dd).") }
            due = day
        }
        let status = form.text("status") ?? "gepland"
        guard statuses.contains(status), requireStatus || status == "gepland" else { throw WebError.badRequest("Onbekende status.") }
        let result = form.text("resultaat")
        if let result, result.count > 500 { throw WebError.badRequest("Het resultaat is te lang (meer dan 500 tekens).") }
        return Change(what: what, owner: owner, due: due, status: status, result: result)
    }

    /// A new action under an existing goal, or under a new goal with the given text.
    func add(_ change: Change, goalID: Int64?, newGoal: String?) throws -> Int64 {
        let goal: Int64
        if let goalID {
            guard try Int64.fetchOne(db, sql: "SELECT id FROM goal WHERE id = ? AND personId = ?", arguments: [goalID, personID]) != nil
            else { throw WebError.badRequest("Kies een doel van deze inwoner.") }
            goal = goalID
        } else if let newGoal {
            let rank = (try Int.fetchOne(db, sql: "SELECT MAX(rank) FROM goal WHERE personId = ?", arguments: [personID]) ?? 0) + 1
            try db.execute(sql: "INSERT INTO goal (personId, localId, text, rank, status, createdAt) VALUES (?, ?, ?, ?, 'actief', ?)",
                           arguments: [personID, "web-\(WebSessionStore.randomToken().prefix(12))", newGoal, rank, now])
            goal = db.lastInsertedRowID
        } else {
            throw WebError.badRequest("Kies een doel of vul een nieuw doel in.")
        }
        let (kind, memberID) = try owner(change.owner)
        try db.execute(sql: """
            INSERT INTO action (personId, goalId, localId, what, ownerKind, networkMemberId, dueDate, status, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'gepland', ?)
            """, arguments: [personID, goal, "web-\(WebSessionStore.randomToken().prefix(12))", change.what, kind, memberID,
                             change.due?.description, now])
        let actionID = db.lastInsertedRowID
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        try tell(actionID: actionID, kind: kind, memberID: memberID, key: "melding.web.nieuw")
        return actionID
    }

    func update(actionID: Int64, _ change: Change) throws {
        guard let old = try Row.fetchOne(db, sql: "SELECT ownerKind, networkMemberId, status FROM action WHERE id = ? AND personId = ?",
                                         arguments: [actionID, personID]) else { throw WebError.notFound }
        let (kind, memberID) = try owner(change.owner)
        let closed = ["gedaan", "vervallen", "niet_gelukt"].contains(change.status)
        try db.execute(sql: """
            UPDATE action SET what = ?, ownerKind = ?, networkMemberId = ?, dueDate = ?, status = ?, result = ?,
                evaluatedAt = CASE WHEN ? THEN COALESCE(evaluatedAt, ?) ELSE evaluatedAt END
            WHERE id = ?
            """, arguments: [change.what, kind, memberID, change.due?.description, change.status, change.result, closed, now, actionID])
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        let oldKind: String = old["ownerKind"]
        let oldMember: Int64? = old["networkMemberId"]
        let reassigned = oldKind != kind || oldMember != memberID
        if reassigned {
            try tell(actionID: actionID, kind: oldKind, memberID: oldMember, key: "melding.web.overgenomen")
            try tell(actionID: actionID, kind: kind, memberID: memberID, key: "melding.web.nieuw")
        } else {
            try tell(actionID: actionID, kind: kind, memberID: memberID, key: closed ? "melding.web.afgesloten" : "melding.web.gewijzigd")
        }
    }

    /// `inwoner`, `professional` or `netwerk:<member id>` of this inwoner's network.
    private func owner(_ value: String) throws -> (String, Int64?) {
        if value == "inwoner" || value == "professional" { return (value, nil) }
        if value.hasPrefix("netwerk:"), let id = Int64(value.dropFirst("netwerk:".count)),
           try Int64.fetchOne(db, sql: "SELECT id FROM networkMember WHERE id = ? AND personId = ?", arguments: [id, personID]) != nil {
            return ("netwerk", id)
        }
        throw WebError.badRequest("Kies wie het doet: de inwoner, jij, of iemand uit het netwerk.")
    }

    /// The inwoner, or a network member who said JA (one who has not been asked yet gets the invitation instead).
    private func tell(actionID: Int64, kind: String, memberID: Int64?, key: String) throws {
        var recipient: Int64?
        switch kind {
        case "inwoner": recipient = personID
        case "netwerk":
            recipient = try Int64.fetchOne(db, sql: "SELECT memberPersonId FROM networkMember WHERE id = ? AND invitation = 'accepted'",
                                           arguments: [memberID])
        default: recipient = nil
        }
        guard let recipient, try Bool.fetchOne(db, sql: "SELECT optedOut FROM person WHERE id = ?", arguments: [recipient]) == false else { return }
        guard case .record(let action) = try ActionVars.action(actionID, in: db) else { return }
        _ = try Notice.queue(key, vars: ["wat": action["wat"] ?? .none, "wanneer": action["wanneer"] ?? .none],
                             to: recipient, library: service.library, at: now, in: db)
    }
}
