import Dialog
import Foundation
import GRDB

/// What the inwoner changes on Mijn Wegwijzer: their plan, their scores, their consents, a
/// request to erase their data. A report or a new date goes the way the
/// same answer in the chat goes (`ActionUpdate`); what follows (a signal for the professional, the
/// network member told) is `OnlineRules`. Every change is in the audit log. All of it in the
/// caller's transaction. An action or goal of anyone else is a page that does not exist.
struct MijnChanges {
    let service: ConversationService
    let personID: Int64
    let now: Date
    let db: any SQLConnection

    /// Done, or partly done, with how much it helped (0-10).
    func report(actionID: Int64, done: Bool, helped: Int?) throws {
        var report = ActionStore.Report()
        report.status = done ? "gedaan" : "bezig"
        report.helped = helped
        try change(actionID: actionID, report, .reported(done: done), due: nil)
    }

    func reschedule(actionID: Int64, to day: LocalDate) throws {
        var report = ActionStore.Report()
        report.due = (day, nil)
        try change(actionID: actionID, report, .newDate, due: .date(day, nil))
    }

    /// A step of their own, under one of their goals.
    func add(goalID: Int64, what: String, due: LocalDate?) throws {
        guard try PlanStore.hasGoal(goalID, personID: personID, in: db) else { throw WebError.notFound }
        let actionID = try PlanStore.addAction(
            personID: personID, goalID: goalID, what: what, owner: PlanStore.Owner(kind: "inwoner", memberID: nil), due: due,
            at: now, in: db)
        try ActionScheduler(policy: service.schedule, now: now, db: db).plan(actionID: actionID)
        try follow(.ownAction, detail: what, actionID: actionID, owner: nil)
    }

    /// A new score for a leefgebied (0-10), beside the earlier ones: the chart shows first against latest.
    func rate(leefgebied: String, score: Int) throws {
        try PlanRecordStore(db: db, personID: personID, now: now).saveScore(
            leefgebied: leefgebied, score: score, wantsChange: nil, goalID: nil, localID: "web-\(UUID().uuidString)")
        try follow(.rated, detail: "\(leefgebied): \(score)", actionID: nil, owner: nil)
    }

    /// "Hier wil ik over praten": the leefgebied is marked for the next talk with the professional.
    func talk(about leefgebied: String) throws {
        try TalkStore.mark(personID: personID, leefgebied: leefgebied, at: now, in: db)
        try AuditLog.record("inwoner: praten", professionalID: nil, personID: personID, at: now, in: db)
    }

    /// A note for the professional.
    func note(_ text: String) throws {
        try NoteStore.addFromChat(personID: personID, text: text, at: now, in: db)
        try follow(.note, detail: text, actionID: nil, owner: nil)
    }

    /// Asks to have their data erased: the professional decides (and may first talk it over); a
    /// second request while the first is open adds nothing.
    func askErasure() throws {
        guard try !AlertStore.open(inwonerID: personID, limit: 50, in: db).contains(where: { $0.kind == "wissen_gevraagd" }) else { return }
        try follow(.erasureRequested, detail: "", actionID: nil, owner: nil)
    }

    /// Withdraws a consent given before, stored like every consent: with the words the inwoner saw.
    /// The professional gets a signal to carry it out where it asks more than a record (reminders
    /// to a member, a check-in).
    /// Taking part itself is withdrawn with STOP in the chat, which also stops every message.
    func withdraw(purpose: String, subject: String?, shown: String) throws {
        guard purpose != "deelname" else { throw WebError.badRequest("toestemming_stop") }
        guard
            let consent = try ConsentStore.standing(personID: personID, in: db).first(where: {
                $0.purpose == purpose && $0.subject == subject
            }),
            consent.granted
        else { throw WebError.notFound }
        try ConsentStore.add(
            ConsentStore.Consent(
                personID: personID, purpose: purpose, granted: false, subject: subject, textKey: "mijn.intrekken", textShown: shown,
                flowVersion: "mijn", channel: "web"), at: now, in: db)
        try follow(.consentWithdrawn, detail: purpose, actionID: nil, owner: nil)
    }

    private func change(actionID: Int64, _ report: ActionStore.Report, _ change: OnlineRules.Change, due: Value?) throws {
        guard let parties = try ActionStore.parties(actionID: actionID, in: db), parties.inwonerID == personID,
            let owner = try PlanStore.owner(actionID: actionID, personID: personID, in: db)
        else { throw WebError.notFound }
        try ActionUpdate.apply(report, actionID: actionID, parties: parties, byMember: false, due: due, service: service, at: now, in: db)
        try follow(change, detail: parties.what, actionID: actionID, owner: owner)
    }

    private func follow(_ change: OnlineRules.Change, detail: String, actionID: Int64?, owner: PlanStore.Owner?) throws {
        let after = OnlineRules.after(change)
        try AlertStore.add(personID: personID, kind: after.signal, detail: String(detail.prefix(200)), at: now, in: db)
        try AuditLog.record("inwoner: \(after.signal)", professionalID: nil, personID: personID, at: now, in: db)
        // The inwoner made the change and needs no message about it; a member carrying the step does.
        if let key = after.ownerNotice, let actionID, let owner, owner.kind == "netwerk" {
            try ActionEditor(service: service, personID: personID, now: now, db: db).tell(actionID: actionID, owner: owner, key: key)
        }
    }
}
