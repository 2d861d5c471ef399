import Dialog
import Foundation
import GRDB

/// Carries out the omgeving's own view (`OmgevingRules`): the invitation to someone the inwoner
/// named, their conversation, their answer, and the message to the inwoner that it is in. Inside
/// the caller's transaction; every message goes through the outbox inside the send window.
struct OmgevingViews {
    let service: ConversationService
    let db: any SQLConnection
    let now: Date

    private var policy: SchedulePolicy { service.schedule }

    /// The inwoner gave member `memberID`'s number: the member becomes a person we may write to,
    /// and their invitation goes out at the window's next opening. Nobody who said no (or answered
    /// already) is asked again, and a member without a phone is not asked at all.
    func invite(inwonerID: Int64, memberID: Int64, share: Bool, leefgebieden: [String], localID: String) throws {
        guard let memberPerson = try ActionStore.memberPerson(memberID: memberID, inwonerID: inwonerID, at: now, in: db),
            let viewID = try OmgevingStore.invite(
                inwonerID: inwonerID, localID: localID, memberID: memberID, memberPersonID: memberPerson, share: share,
                leefgebieden: leefgebieden, at: now, in: db)
        else { return }
        try JobStore.add(
            .omgevingInvite, personID: memberPerson,
            dueAt: policy.window.nextOpening(atOrAfter: now, calendar: policy.calendar),
            key: "omgeving_invite:\(viewID)", at: now, in: db)
    }

    /// The invitation's job: the `omgeving` flow starts for the person, with the inwoner's name and leefgebieden.
    func runInvite(memberPersonID: Int64, run: String) throws -> FlowStarter.Outcome {
        guard let invitation = try OmgevingStore.nextInvitation(memberPersonID: memberPersonID, in: db) else { return .started([]) }
        let vars: [String: Value] = [
            "lid": .text(invitation.memberName),
            "inwoner": .text(invitation.inwonerName.isEmpty ? "Iemand die je kent" : invitation.inwonerName),
            "leefgebieden": .list(invitation.leefgebieden.map { .option(list: "leefgebieden", key: $0) }),
            "uitnodiging": .number(Int(invitation.viewID))
        ]
        let outcome = try FlowStarter(service: service, db: db, now: now).start(
            OmgevingRules.flow, personID: memberPersonID, vars: vars, run: run)
        if case .started = outcome { try OmgevingStore.markAsked(viewID: invitation.viewID, at: now, in: db) }
        return outcome
    }

    /// The person's view is in: stored, and the inwoner is told at the window's next opening.
    func answered(viewID: Int64, memberPersonID: Int64, scores: [String: Int], strengths: String?, offer: String?) throws {
        guard
            let inwonerID = try OmgevingStore.answer(
                viewID: viewID, memberPersonID: memberPersonID, scores: scores, strengths: strengths, offer: offer,
                at: now, in: db)
        else { return }
        try JobStore.add(
            .omgevingNotice, personID: inwonerID,
            dueAt: policy.window.nextOpening(atOrAfter: now, calendar: policy.calendar),
            key: "omgeving_notice:\(viewID)", at: now, in: db)
    }

    /// The person said no: stored, so nobody asks again. The inwoner is not told (`OmgevingRules.notice`).
    func declined(viewID: Int64, memberPersonID: Int64) throws {
        _ = try OmgevingStore.decline(viewID: viewID, memberPersonID: memberPersonID, at: now, in: db)
    }

    /// The notice's job: the inwoner hears of every view that is in, once, when the rules allow it
    /// now; otherwise the job waits.
    func tell(inwonerID: Int64) throws -> FlowStarter.Outcome {
        let intakeDone = try IntakeStore.modules(personID: inwonerID, in: db).contains { $0.module == "m3" && $0.completedAt != nil }
        guard OmgevingRules.mayTell(intakeDone: intakeDone, lastInbound: try PersonStore.lastInbound(personID: inwonerID, in: db), now: now)
        else { return .busy }
        var messages: [OutgoingMessage] = []
        for view in try OmgevingStore.untold(inwonerID: inwonerID, in: db) {
            if let message = try Notice.queue(
                OmgevingRules.notice, vars: ["lid": .text(view.memberName), "delen": .bool(view.share)], to: inwonerID,
                library: service.library, at: now, in: db)
            {
                messages.append(message)
            }
            try OmgevingStore.markTold(viewID: view.viewID, at: now, in: db)
        }
        return .started(messages)
    }

    /// The person answered in the browser (`/omgeving/TOKEN`) instead of by chat: their own consent,
    /// with the words the page showed, then the same as an answer in the chat. A chat conversation
    /// about an invitation that was under way ends, so nothing is asked twice. False when the
    /// invitation was answered or declined meanwhile (nothing stored).
    func answeredInBrowser(
        viewID: Int64, memberPersonID: Int64, granted: Bool, shown: String, scores: [String: Int], strengths: String?, offer: String?
    ) throws -> Bool {
        guard try OmgevingStore.open(viewID: viewID, in: db)?.memberPersonID == memberPersonID else { return false }
        try ConsentStore.add(
            ConsentStore.Consent(
                personID: memberPersonID, purpose: "omgeving_eigen", granted: granted, subject: String(viewID),
                textKey: "omgeving_link_vraag", textShown: shown, flowVersion: "omgeving-link", channel: "web"),
            at: now, in: db)
        if granted {
            try answered(viewID: viewID, memberPersonID: memberPersonID, scores: scores, strengths: strengths, offer: offer)
        } else {
            try declined(viewID: viewID, memberPersonID: memberPersonID)
        }
        try OmgevingLinkStore.use(viewID: viewID, in: db)
        if try PersonStore.leaveFlow(OmgevingRules.flow, personID: memberPersonID, in: db) {
            try JobStore.release(personID: memberPersonID, at: now, in: db)
        }
        return true
    }
}
